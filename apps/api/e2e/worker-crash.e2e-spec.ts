import { aiReplies, control, conversationWhen, newKey, say, sql } from './support/platform-client';

describe('a worker killed mid-conversation', () => {
  afterEach(async () => {
    await control('worker', 'start').catch(() => undefined);
  });

  it('loses and doubles nothing once a worker is back', async () => {
    const key = newKey('crash');
    const first = await say(key, 'Where is my order ORD-10042?', { customerId: 'cus_1001' });
    await conversationWhen(first.conversationId, (v) => aiReplies(v).length === 1);

    // The worker dies while the next message is being handled.
    const second = say(key, 'and my order ORD-10043?', { customerId: 'cus_1001', idempotencyKey: 'crash-2' });
    await control('worker', 'kill');
    // Messages keep arriving while no worker runs; their deliveries wait for one.
    const third = say(key, 'Where is my order ORD-10042 again?', { customerId: 'cus_1001', idempotencyKey: 'crash-3' });
    await control('worker', 'start');
    const [secondAccepted, thirdAccepted] = await Promise.all([second, third]);
    // A client retrying after the outage gets the same message back.
    expect(await say(key, 'and my order ORD-10043?', { customerId: 'cus_1001', idempotencyKey: 'crash-2' })).toEqual({
      ...secondAccepted,
      duplicate: true,
    });

    const view = await conversationWhen(first.conversationId, (v) => aiReplies(v).length === 3);
    const customer = view.messages.filter((m) => m.role === 'customer').map((m) => m.id);
    expect(customer).toEqual([first.messageId, secondAccepted.messageId, thirdAccepted.messageId]);
    expect(aiReplies(view)).toEqual([
      expect.stringContaining('Order ORD-10042'),
      expect.stringContaining('Order ORD-10043'),
      expect.stringContaining('Order ORD-10042'),
    ]);
    const seqs = view.messages.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM messages WHERE conversation_key = $1`, [key]);
    expect(count).toBe(6);
  });
});
