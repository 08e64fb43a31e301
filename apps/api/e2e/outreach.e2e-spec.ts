import { randomUUID } from 'node:crypto';
import { zoneWhereHourIs } from '@baton/testing';
import { aiReplies, api, conversationWhen, newKey, postEvent, say, sql } from './support/platform-client';

const DAY = () => zoneWhereHourIs(10, 17);
const NIGHT = () => zoneWhereHourIs(23, 24);

const event = (extra: Record<string, unknown> = {}) => ({
  type: 'shipment.delayed',
  customerId: `cus_${randomUUID().slice(0, 8)}`,
  idempotencyKey: randomUUID(),
  payload: { orderNumber: 'ORD-10042', newEta: '2026-12-09' },
  conversationKey: newKey('outreach'),
  timeZone: DAY(),
  ...extra,
});
const send = (body: Record<string, unknown>) => postEvent(body);

describe('outreach from business events', () => {
  it('tells the customer first, and hands a reply that needs a person to the support queue', async () => {
    const body = event({ customerId: 'cus_1001' });
    const answer = await send(body);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'started', reason: null, duplicate: false, flow: { name: 'shipment-delay', version: 1 } });
    const opened = await conversationWhen(answer.body.conversationId, (v) => aiReplies(v).length === 1);
    expect(aiReplies(opened)[0]).toContain('order ORD-10042 is delayed; it should now arrive by 2026-12-09');
    expect(opened.flow).toEqual({ name: 'shipment-delay', version: 1 });

    await say(body.conversationKey, 'I want to speak to a real person about this', { customerId: 'cus_1001' });
    const handed = await conversationWhen(answer.body.conversationId, (v) => v.tasks.length === 1 && aiReplies(v).length === 2);
    expect(handed.tasks[0]).toMatchObject({ queue: 'support', reason: 'Reply to the shipment.delayed message needs a person' });
    expect(handed.messages.map((m) => m.role)).toEqual(['ai', 'customer', 'ai']);
  });

  it('starts one outreach for the same idempotency key, and skips the same event under another key', async () => {
    const body = event();
    const first = await send(body);
    const again = await send(body);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    const sameEvent = await send({ ...body, idempotencyKey: randomUUID(), conversationKey: newKey('outreach') });
    expect(sameEvent.body).toMatchObject({ status: 'skipped', reason: 'duplicate_event', conversationId: null, duplicate: false });
  });

  it('honours STOP at once: later events are skipped until the customer opts back in', async () => {
    const body = event();
    const { conversationId } = (await send(body)).body;
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await say(body.conversationKey, 'STOP', { customerId: body.customerId });
    const closed = await conversationWhen(conversationId, (v) => v.stage === 'closed');
    expect(aiReplies(closed).at(-1)).toBe("You won't receive these messages any more.");
    const preferences = await api('GET', `/customers/${body.customerId}/contact-preferences`);
    expect(preferences.body).toMatchObject({ optedOut: true, optOutReason: 'replied "STOP" to shipment.delayed' });

    const later = await send(event({ customerId: body.customerId, type: 'payment.due', payload: { amount: '$10.00', dueDate: '2026-12-20' } }));
    expect(later.body).toMatchObject({ status: 'skipped', reason: 'opted_out' });

    expect((await api('PUT', `/customers/${body.customerId}/contact-preferences`, { outreach: true })).body).toMatchObject({ optedOut: false });
    const after = await send(event({ customerId: body.customerId, type: 'payment.due', payload: { amount: '$10.00', dueDate: '2026-12-20' } }));
    expect(after.body).toMatchObject({ status: 'started', flow: { name: 'payment-reminder' } });
  });

  it('asks consent per channel and topic', async () => {
    const body = event();
    const set = await api('PUT', `/customers/${body.customerId}/contact-preferences`, { consent: { sms: false, payment: false } });
    expect(set.body.consent).toEqual({ sms: false, payment: false });
    const bySms = await send({ ...body, channel: 'sms' });
    expect(bySms.body).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    const aboutPayment = await send(event({ customerId: body.customerId, type: 'payment.due', payload: { amount: '$5', dueDate: '2026-12-20' } }));
    expect(aboutPayment.body).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    const shipmentOnWeb = await send(event({ customerId: body.customerId }));
    expect(shipmentOnWeb.body).toMatchObject({ status: 'started' });
    expect((await api('PUT', `/customers/${body.customerId}/contact-preferences`, { consent: { sms: null } })).body.consent).toEqual({ payment: false });
  });

  it('caps outreach per customer across all flows', async () => {
    const customerId = `cus_cap_${randomUUID().slice(0, 8)}`;
    const statuses = [];
    for (const [type, payload] of [
      ['shipment.delayed', { orderNumber: 'ORD-1' }],
      ['payment.due', { amount: '$1', dueDate: '2026-12-20' }],
      ['appointment.upcoming', { date: '2026-12-21', time: '10:00' }],
      ['shipment.delayed', { orderNumber: 'ORD-2' }],
    ] as const) {
      statuses.push((await send(event({ customerId, type, payload }))).body);
    }
    expect(statuses.map((s) => [s.status, s.reason])).toEqual([
      ['started', null],
      ['started', null],
      ['started', null],
      ['skipped', 'frequency_cap'],
    ]);
  });

  it("holds the first message through the customer's quiet hours", async () => {
    const timeZone = NIGHT();
    const { conversationId } = (await send(event({ timeZone }))).body;
    const waiting = await conversationWhen(conversationId, (v) => v.decisions.some((d) => d.rule === 'quiet-hours'));
    const decision = waiting.decisions.find((d) => d.rule === 'quiet-hours')!;
    expect(decision.values).toMatchObject({ timeZone, quietHours: { start: '21:00', end: '08:00' } });
    const until = Date.parse(decision.values.until as string);
    expect(until - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(until - Date.now()).toBeLessThan(9 * 3600_000);
    expect(aiReplies(waiting)).toEqual([]);
  });

  it('skips a customer who is already in a conversation on that thread', async () => {
    const key = newKey('busy');
    await say(key, 'Hello', { customerId: 'cus_1003' });
    const answer = await send(event({ customerId: 'cus_1003', conversationKey: key }));
    expect(answer.body).toMatchObject({ status: 'skipped', reason: 'conversation_in_progress', conversationId: null });
  });

  it.each([
    ['an event no flow listens for', { type: 'parcel.lost' }, 422, 'NO_OUTREACH_FLOW', /no published outreach flow starts on "parcel.lost"/],
    ['a malformed event type', { type: 'Shipment Delayed' }, 400, 'INVALID_FIELD', /dotted lower-case words/],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 400, 'INVALID_FIELD', /IANA time zone/],
    ['a payload over 16 KB', { payload: { blob: 'x'.repeat(17_000) } }, 400, 'INVALID_FIELD', /at most 16384 bytes/],
    ['an unknown field', { priority: 'high' }, 400, 'UNKNOWN_FIELD', /priority/],
  ])('refuses %s, starting nothing', async (_case, change, status, code, message) => {
    const body = event(change);
    const answer = await send(body);
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    expect(answer.body.error.message).toMatch(message);
    expect(await sql('SELECT id FROM outreaches WHERE customer_id = $1', [body.customerId])).toEqual([]);
  });

  it('refuses a malformed email address, changing nothing', async () => {
    const customerId = `cus_${randomUUID().slice(0, 8)}`;
    const answer = await api('PUT', `/customers/${customerId}/contact-preferences`, { email: 'not-an-address' });
    expect([answer.status, answer.body.error.code, answer.body.error.details[0].field]).toEqual([400, 'INVALID_FIELD', 'email']);
    expect((await api('GET', `/customers/${customerId}/contact-preferences`)).body).toMatchObject({ email: null });
  });

  it.each([
    ['no signature', null, undefined, /missing/],
    ['a signature over another body', 't=1,v1=' + '0'.repeat(64), undefined, /more than 300 s|does not match/],
    ['a replayed signature', undefined, Math.floor(Date.now() / 1000) - 3600, /more than 300 s from now/],
  ])('refuses an event with %s, starting nothing', async (_case, signature, timestamp, message) => {
    const body = event();
    const answer = await postEvent(body, { ...(signature !== undefined ? { signature } : {}), ...(timestamp ? { timestamp } : {}) });
    expect([answer.status, answer.body.error.code]).toEqual([401, 'SIGNATURE_INVALID']);
    expect(answer.body.error.message).toMatch(message);
    expect(await sql('SELECT id FROM outreaches WHERE customer_id = $1', [body.customerId])).toEqual([]);
  });

  it('refuses a malformed customer id in the preferences path', async () => {
    const answer = await api('PUT', '/customers/bad%20id/contact-preferences', { timeZone: 'Europe/Paris' });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'INVALID_FIELD']);
  });
});
