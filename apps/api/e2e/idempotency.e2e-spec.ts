import { api, conversationWhen, aiReplies, newKey, say, sql } from './support/platform-client';

describe('delivering the same message twice', () => {
  it('stores a redelivered message once and answers with the first id', async () => {
    const key = newKey();
    const first = await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'delivery-1' });
    const second = await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'delivery-1' });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });

    await conversationWhen(first.conversationId, (v) => aiReplies(v).length === 1);
    const third = await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'delivery-1' });
    expect(third).toEqual({ ...first, duplicate: true });

    const rows = await sql(`SELECT id FROM messages WHERE conversation_key = $1 AND role = 'customer'`, [key]);
    expect(rows).toEqual([{ id: first.messageId }]);
  });

  it('stores concurrent redeliveries once', async () => {
    const key = newKey();
    const body = { channel: 'sms', conversationKey: key, customerId: 'cus_1001', text: 'Where is ORD-10042?', idempotencyKey: 'burst' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => api('POST', '/messages', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    expect(new Set(answers.map((a) => a.body.messageId)).size).toBe(1);
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);

    await conversationWhen(answers[0].body.conversationId, (v) => aiReplies(v).length === 1);
    const rows = await sql(`SELECT count(*)::int AS count FROM messages WHERE conversation_key = $1 AND role = 'customer'`, [key]);
    expect(rows[0].count).toBe(1);
  });

  it('recognises a redelivery after the conversation has closed', async () => {
    const key = newKey();
    const { conversationId, messageId } = await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'late' });
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await say(key, 'thanks, bye');
    await conversationWhen(conversationId, (v) => v.stage === 'feedback');
    await say(key, '5');
    await conversationWhen(conversationId, (v) => v.stage === 'closed');

    expect(await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'late' })).toEqual({ conversationId, messageId, duplicate: true });
  });

  it('keeps the same key on different conversations apart', async () => {
    const a = await say(newKey(), 'Hello', { idempotencyKey: 'shared-key' });
    const b = await say(newKey(), 'Hello', { idempotencyKey: 'shared-key' });
    expect(a.duplicate || b.duplicate).toBe(false);
    expect(a.messageId).not.toBe(b.messageId);
  });
});
