import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { zoneWhereHourIs } from '@baton/testing';
import { aiReplies, api, conversationWhen, eventually, newKey, platform, postEvent, say, sql } from './support/platform-client';

const sink = async <T = any>(path: string, method = 'GET'): Promise<T> => (await fetch(`${platform.deliveryUrl}${path}`, { method })).json() as Promise<T>;
const webhooksFor = async (conversationId: string) =>
  (await sink<{ body: { conversationId: string; text: string; role: string }; signatureValid: boolean; deliveryId: string; failed: boolean }[]>('/webhook/received')).filter(
    (hook) => hook.body.conversationId === conversationId,
  );
const attempts = (messageId: string) => sql(`SELECT attempt, status, transport, detail FROM delivery_attempts WHERE message_id = $1 ORDER BY attempt`, [messageId]);

describe('delivery on channels other than web chat', () => {
  it('posts sms replies to the business webhook, signed, in order', async () => {
    const key = newKey('sms');
    const { conversationId } = await say(key, 'Where is my order ORD-10042?', { channel: 'sms', customerId: 'cus_1001' });
    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    const [hook] = await eventually(() => webhooksFor(conversationId), (hooks) => hooks.length === 1);
    const message = view.messages.find((m) => m.role === 'ai')!;
    expect(hook).toMatchObject({ signatureValid: true, deliveryId: message.id, failed: false, body: { channel: 'sms', conversationKey: key, role: 'ai', text: message.text } });
    expect(await eventually(() => attempts(message.id), (rows) => rows.length === 1)).toEqual([{ attempt: 1, status: 'delivered', transport: 'webhook', detail: 'HTTP 200' }]);
  });

  it('retries with backoff when the receiver fails twice, recording each attempt', async () => {
    await sink('/webhook/fail?times=2', 'POST');
    const { conversationId } = await say(newKey('sms'), 'Hello', { channel: 'sms' });
    const hooks = await eventually(() => webhooksFor(conversationId), (all) => all.some((hook) => !hook.failed), 30_000);
    expect(hooks.map((hook) => hook.failed)).toEqual([true, true, false]);
    expect(new Set(hooks.map((hook) => hook.deliveryId)).size).toBe(1);
    const rows = await eventually(() => attempts(hooks[0]!.deliveryId), (all) => all.length === 3);
    expect(rows.map((row) => [row.attempt, row.status, row.detail])).toEqual([
      [1, 'failed', 'the webhook answered 503'],
      [2, 'failed', 'the webhook answered 503'],
      [3, 'delivered', 'HTTP 200'],
    ]);
  });

  it('emails an outreach to the address on record over SMTP', async () => {
    const customerId = `cus_mail_${randomUUID().slice(0, 8)}`;
    await api('PUT', `/customers/${customerId}/contact-preferences`, { email: 'dana@example.com' });
    const started = await postEvent({
      type: 'appointment.upcoming',
      customerId,
      idempotencyKey: randomUUID(),
      payload: { date: '2026-12-21', time: '10:30' },
      channel: 'email',
      conversationKey: newKey('mail'),
      timeZone: zoneWhereHourIs(10, 17),
    });
    expect(started.body.status).toBe('started');
    const mails = await eventually(
      () => sink<{ to: string[]; from: string; raw: string }[]>('/smtp/mails'),
      (all) => all.some((mail) => mail.to.includes('dana@example.com')),
    );
    const mail = mails.find((m) => m.to.includes('dana@example.com'))!;
    expect(mail.from).toBe('support@store.example');
    expect(mail.raw).toContain('Your appointment is on 2026-12-21 at 10:30');
    expect(mail.raw).toMatch(/X-Baton-Conversation: mail-/);
    const [{ id }] = await sql(`SELECT id FROM messages WHERE conversation_id = $1 AND role = 'ai'`, [started.body.conversationId]);
    expect(await eventually(() => attempts(id), (rows) => rows.length === 1)).toEqual([expect.objectContaining({ status: 'sent', transport: 'smtp' })]);
  });

  it('records a failure without retrying when there is no address, and says so in the decisions', async () => {
    const customerId = `cus_nomail_${randomUUID().slice(0, 8)}`;
    const { conversationId } = await say(newKey('mail'), 'Hello', { channel: 'email', customerId });
    const view = await conversationWhen(conversationId, (v) => v.decisions.some((d) => d.rule === 'delivery-failed'));
    const message = view.messages.find((m) => m.role === 'ai')!;
    expect(view.decisions.find((d) => d.rule === 'delivery-failed')!.values).toMatchObject({ messageId: message.id, channel: 'email', error: `customer ${customerId} has no email address on record` });
    await sleep(1500);
    expect(await attempts(message.id)).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', transport: 'smtp' })]);
  });

  it('delivers nothing for web chat, which reads the transcript', async () => {
    const { conversationId } = await say(newKey(), 'Hello');
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await sleep(500);
    expect(await sql(`SELECT * FROM delivery_attempts WHERE conversation_id = $1`, [conversationId])).toEqual([]);
    expect(await webhooksFor(conversationId)).toEqual([]);
  });
});
