import { publishFlowVariant } from '@baton/testing';
import { aiReplies, api, conversationWhen, newKey, platform, say, sql } from './support/platform-client';

const greetWith = (text: string) => (flow: { nodes: { id: string; config: Record<string, unknown> }[] }) => {
  flow.nodes.find((node) => node.id === 'greet')!.config.text = text;
};

describe('published flows route conversations', () => {
  it('ships the default flows, published on first start', async () => {
    const flows = (await api('GET', '/flows')).body as { name: string; kind: string; currentVersion: number | null }[];
    expect(flows).toEqual(
      expect.arrayContaining(
        [
          ['conversation-default', 'conversation'],
          ['shipment-delay', 'outreach'],
          ['payment-reminder', 'outreach'],
          ['appointment-confirmation', 'outreach'],
        ].map(([name, kind]) => expect.objectContaining({ name, kind, currentVersion: expect.any(Number) })),
      ),
    );
    const first = (await api('GET', '/flows/conversation-default/versions')).body.find((v: { version: number }) => v.version === 1);
    expect(first).toMatchObject({ version: 1, author: 'baton', message: 'Shipped default from conversation-default.flow.json' });
  });

  it('keeps a conversation on the version it started with; new ones take the newly published version, and a rollback', async () => {
    await publishFlowVariant(platform, { from: 'conversation-default', as: 'e2e-pinning', message: 'v1', change: greetWith('Hello from version one.') });
    const early = newKey();
    const a = await say(early, 'Hello', { flow: 'e2e-pinning' });
    expect(aiReplies(await conversationWhen(a.conversationId, (v) => aiReplies(v).length === 1))).toEqual(['Hello from version one.']);

    expect(await publishFlowVariant(platform, { from: 'e2e-pinning', message: 'v2', change: greetWith('Hello from version two.') })).toBe(2);
    await say(early, 'Hi', { flow: 'e2e-pinning' });
    const inFlight = await conversationWhen(a.conversationId, (v) => aiReplies(v).length === 2);
    expect(aiReplies(inFlight)[1]).toBe('Hello from version one.');
    expect(inFlight.flow).toEqual({ name: 'e2e-pinning', version: 1 });

    const b = await say(newKey(), 'Hello', { flow: 'e2e-pinning' });
    const later = await conversationWhen(b.conversationId, (v) => aiReplies(v).length === 1);
    expect([aiReplies(later)[0], later.flow]).toEqual(['Hello from version two.', { name: 'e2e-pinning', version: 2 }]);

    const rollback = await api('POST', '/flows/e2e-pinning/rollback', { version: 1, author: 'e2e', message: 'back to one' });
    expect(rollback.status).toBe(201);
    const c = await say(newKey(), 'Hello', { flow: 'e2e-pinning' });
    const rolledBack = await conversationWhen(c.conversationId, (v) => aiReplies(v).length === 1);
    expect([aiReplies(rolledBack)[0], rolledBack.flow]).toEqual(['Hello from version one.', { name: 'e2e-pinning', version: 3 }]);
  });

  it.each([
    ['a flow that does not exist', 'no-such-flow', 422, 'FLOW_NOT_PUBLISHED', /no published flow is named "no-such-flow"/],
    ['an outreach flow', 'shipment-delay', 422, 'FLOW_NOT_PUBLISHED', /outreach flow, not a conversation flow/],
    ['a name that is not a slug', '../etc', 400, 'INVALID_FIELD', /slug/],
  ])('refuses a message naming %s, starting nothing', async (_case, flow, status, code, message) => {
    const key = newKey();
    const answer = await api('POST', '/messages', { channel: 'web', conversationKey: key, customerId: 'cus_1001', text: 'Hello', idempotencyKey: key, flow });
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    expect(answer.body.error.message).toMatch(message);
    expect(await sql('SELECT id FROM conversations WHERE conversation_key = $1', [key])).toEqual([]);
  });
});
