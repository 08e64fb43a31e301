import { randomUUID } from 'node:crypto';
import type { AssistView, CannedResponseView, CustomerConversationSummary, TaskView } from '@baton/contracts';
import { createUser } from './support/people';
import { aiReplies, api, conversationWhen, eventually, newKey, say, sql } from './support/platform-client';

/** Sends the customer's messages in turn, each after the conversation has taken the one before, and returns the open task. */
async function escalate(customerId: string, first: string, ...more: string[]): Promise<{ conversationId: string; task: TaskView; key: string }> {
  const key = newKey('assist');
  const { conversationId } = await say(key, first, { customerId });
  for (const text of more) {
    await conversationWhen(conversationId, (view) => aiReplies(view).length > 0);
    await say(key, text, { customerId });
  }
  const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
  return { conversationId, task: view.tasks[0]!, key };
}

/** Assist once the customer's newest message (by its text) is in. */
async function assistAfter(taskId: string, conversationId: string, text: string): Promise<AssistView> {
  const view = await conversationWhen(conversationId, (v) => v.messages.some((m) => m.role === 'customer' && m.text === text));
  const seq = view.messages.find((m) => m.role === 'customer' && m.text === text)!.seq;
  return (await eventually(() => api<AssistView>('GET', `/tasks/${taskId}/assist`), (answer) => answer.body?.lastCustomerMessage?.seq === seq)).body;
}

describe('agent assist', () => {
  it('answers the question asked before the handoff from the flow knowledge base, with no flags on a calm conversation', async () => {
    const { conversationId, task } = await escalate('cus_1001', 'When will my refund arrive?', 'Can I speak to a person please?');
    const answer = await api<AssistView>('GET', `/tasks/${task.id}/assist`);
    expect(answer.status).toBe(200);
    const assist = answer.body;
    const view = await conversationWhen(conversationId, () => true);
    const customer = view.messages.filter((m) => m.role === 'customer');
    expect(assist).toMatchObject({
      taskId: task.id,
      conversationId,
      lastCustomerMessage: { id: customer[1]!.id, seq: customer[1]!.seq },
      answering: { id: customer[0]!.id, seq: customer[0]!.seq },
      flags: [],
    });
    expect(assist.knowledgeBases).toEqual(expect.arrayContaining(['billing', 'faq']));
    expect(assist.passages.length).toBeGreaterThanOrEqual(1);
    expect(assist.passages.length).toBeLessThanOrEqual(3);
    expect(assist.passages[0]).toMatchObject({ knowledgeBase: 'billing', title: 'When will my refund arrive?' });
    expect(assist.passages[0]!.score).toBeGreaterThan(0.6);
    expect(assist.passages[0]!.text.length).toBeLessThanOrEqual(400);
    expect(assist.suggestion).toMatchObject({
      source: { knowledgeBase: 'billing', articleId: assist.passages[0]!.articleId, title: 'When will my refund arrive?' },
    });
    expect(assist.suggestion!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(assist.suggestion!.text).toMatch(/^Thanks for waiting\. .*5 to 10 business days/s);
  });

  it('flags personal data the customer shares, by kind and never by value', async () => {
    const { conversationId, task, key } = await escalate('cus_1001', "I'd like to talk to a real person");
    const text = 'My card is 4111 1111 1111 1111 and you can write to ana.pereira@example.com';
    await say(key, text);
    const assist = await assistAfter(task.id, conversationId, text);
    const flag = assist.flags.find((f) => f.kind === 'pii_shared');
    expect(flag).toMatchObject({ found: { card: 1, email: 1 }, reason: expect.stringContaining('a card number and an email address') });
    expect(flag!.messages).toEqual([assist.lastCustomerMessage]);
    expect(JSON.stringify(assist.flags)).not.toMatch(/4111|ana\.pereira|example\.com/);
  });

  it('flags a dropping sentiment with its figures', async () => {
    const { conversationId, task, key } = await escalate('cus_1001', 'I want to speak to a person');
    const text = 'This is taking ages and I am really annoyed';
    await say(key, text);
    const assist = await assistAfter(task.id, conversationId, text);
    expect(assist.flags.find((f) => f.kind === 'sentiment_dropping')).toMatchObject({ first: 0, last: -0.55, change: -0.55 });
    expect(assist.flags.map((f) => f.kind)).not.toContain('cancellation_risk');
  });

  it('flags a customer who wants to cancel and a regulated topic', async () => {
    const { conversationId, task, key } = await escalate('cus_1002', 'I want to cancel my subscription');
    const text = 'My lawyer will be in touch about this';
    await say(key, text, { customerId: 'cus_1002' });
    const assist = await assistAfter(task.id, conversationId, text);
    expect(assist.flags.find((f) => f.kind === 'cancellation_risk')).toMatchObject({ cancellationConfidence: expect.any(Number), lowestSentiment: null });
    expect(assist.flags.find((f) => f.kind === 'compliance_topic')).toMatchObject({ topics: ['legal'] });
  });

  it('answers 404 TASK_NOT_FOUND for an unknown or malformed task id', async () => {
    for (const id of [randomUUID(), 'not-a-task']) {
      const answer = await api('GET', `/tasks/${id}/assist`);
      expect([answer.status, answer.body.error.code]).toEqual([404, 'TASK_NOT_FOUND']);
    }
  });

  it('shows an agent assist for the tasks they hold and the open tasks of the queues they serve, and nobody else', async () => {
    const held = (await escalate('cus_1001', 'Can I talk to a human?')).task;
    const open = (await escalate('cus_1001', 'I would like to speak to someone real')).task;
    expect([held.queue, open.queue]).toEqual(['support', 'support']);
    const agent = await createUser(['agent']);
    const serve = (queues: string[]) => api('PUT', `/agents/${agent.id}`, { queues, skills: [], capacity: 3 });
    const assistAs = (taskId: string, token: string) => api('GET', `/tasks/${taskId}/assist`, undefined, { token });

    expect((await serve(['support'])).status).toBe(200);
    expect((await assistAs(open.id, agent.token)).status).toBe(200);
    expect((await api('PUT', '/agents/me/presence', { presence: 'available' }, { token: agent.token })).status).toBe(200);
    expect((await api('POST', `/tasks/${held.id}/claim`, {}, { token: agent.token })).status).toBe(200);

    expect((await serve(['retention'])).status).toBe(200);
    expect((await assistAs(held.id, agent.token)).status).toBe(200);
    const refused = await assistAs(open.id, agent.token);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);

    const other = await createUser(['agent']);
    expect((await api('PUT', `/agents/${other.id}`, { queues: ['support'], skills: [], capacity: 3 })).status).toBe(200);
    expect((await assistAs(held.id, other.token)).status).toBe(403);

    const designer = await createUser(['designer']);
    expect((await assistAs(open.id, designer.token)).status).toBe(403);
    const supervisor = await createUser(['supervisor']);
    expect((await assistAs(held.id, supervisor.token)).status).toBe(200);
  });
});

describe('canned responses', () => {
  it('ships a starting set: for every queue, and for the shipped queues', async () => {
    const all = await api<CannedResponseView[]>('GET', '/canned-responses');
    expect(all.status).toBe(200);
    expect(all.body.filter((c) => c.queue === null).length).toBeGreaterThanOrEqual(1);
    for (const queue of ['support', 'retention', 'care', 'compliance', 'callbacks']) expect(all.body.some((c) => c.queue === queue)).toBe(true);
  });

  it('lists a queue its own responses first, then those for every queue, and no other queue', async () => {
    const queue = `e2e-${randomUUID().slice(0, 8)}`;
    const own = await api<CannedResponseView>('POST', '/canned-responses', { title: 'Own one', text: 'Just for this queue.', queue });
    const forRetention = await api<CannedResponseView>('POST', '/canned-responses', { title: 'Elsewhere', text: 'Not for this queue.', queue: 'retention' });
    expect([own.status, forRetention.status]).toEqual([201, 201]);

    const listed = (await api<CannedResponseView[]>('GET', `/canned-responses?queue=${queue}`)).body;
    expect(listed[0]).toEqual(own.body);
    expect(listed.slice(1).every((c) => c.queue === null)).toBe(true);
    expect(listed.map((c) => c.id)).not.toContain(forRetention.body.id);
  });

  it('creates, replaces and deletes a canned response', async () => {
    const created = await api<CannedResponseView>('POST', '/canned-responses', { title: '  Refund timing ', text: 'Card refunds take 5 to 10 business days.' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Refund timing', text: 'Card refunds take 5 to 10 business days.', queue: null });
    const { id } = created.body;

    const replaced = await api<CannedResponseView>('PUT', `/canned-responses/${id}`, { title: 'Refund timing', text: 'Refunds take up to 10 business days.', queue: 'support' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, text: 'Refunds take up to 10 business days.', queue: 'support', createdAt: created.body.createdAt });
    expect((await api<CannedResponseView[]>('GET', '/canned-responses?queue=support')).body).toContainEqual(replaced.body);

    expect((await api('DELETE', `/canned-responses/${id}`)).status).toBe(204);
    expect((await api<CannedResponseView[]>('GET', '/canned-responses')).body.map((c) => c.id)).not.toContain(id);
    for (const [method, body] of [['PUT', replaced.body], ['DELETE', undefined]] as const) {
      const gone = await api(method, `/canned-responses/${id}`, body && { title: body.title, text: body.text, queue: body.queue });
      expect([method, gone.status, gone.body.error.code]).toEqual([method, 404, 'CANNED_RESPONSE_NOT_FOUND']);
    }
  });

  it('refuses bad input, naming every field, and changes nothing', async () => {
    const before = (await api<CannedResponseView[]>('GET', '/canned-responses')).body;

    const bad = await api('POST', '/canned-responses', { title: '', text: '   ', queue: 'Not A Queue', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'queue', 'text', 'title']);

    const tooLong = await api('POST', '/canned-responses', { title: 'Long', text: 'x'.repeat(9000) });
    expect([tooLong.status, tooLong.body.error.code]).toEqual([413, 'MESSAGE_TOO_LONG']);

    const missing = await api('POST', '/canned-responses', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['text', 'title']);

    const malformedId = await api('PUT', '/canned-responses/42', { title: 'x', text: 'y' });
    expect([malformedId.status, malformedId.body.error.code]).toEqual([404, 'CANNED_RESPONSE_NOT_FOUND']);
    expect((await api('DELETE', '/canned-responses/not-an-id')).status).toBe(404);

    const badQuery = await api('GET', '/canned-responses?queue=NOPE!');
    expect([badQuery.status, badQuery.body.error.details[0].field]).toEqual([400, 'queue']);

    expect((await api<CannedResponseView[]>('GET', '/canned-responses')).body).toEqual(before);
  });

  it('lets agents read them and only supervisors change them', async () => {
    const agent = await createUser(['agent']);
    expect((await api('GET', '/canned-responses?queue=support', undefined, { token: agent.token })).status).toBe(200);
    const refused = await api('POST', '/canned-responses', { title: 'Mine', text: 'Mine.' }, { token: agent.token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);

    const supervisor = await createUser(['supervisor']);
    const created = await api<CannedResponseView>('POST', '/canned-responses', { title: 'By a supervisor', text: 'Hello.' }, { token: supervisor.token });
    expect(created.status).toBe(201);
    expect((await api('DELETE', `/canned-responses/${created.body.id}`, undefined, { token: supervisor.token })).status).toBe(204);
  });
});

describe("a customer's earlier conversations", () => {
  it('lists them newest first with stage, intent, outcome and the first message cut to 140 characters', async () => {
    const customerId = `cus_e2e_${randomUUID().slice(0, 8)}`;
    // A conversation that ended last week, written as the read models hold one (its outcome needs no workflow).
    const earlier = randomUUID();
    const opening = `I was double charged for my order and nobody answers my emails. ${'Please look into it. '.repeat(10)}`;
    await sql(
      `INSERT INTO conversations (id, workflow_id, channel, conversation_key, customer_id, stage, intent, last_event_seq, created_at, updated_at)
       VALUES ($1, 'e2e', 'email', $2, $3, 'closed', 'billing', 3, now() - interval '7 days', now() - interval '7 days')`,
      [earlier, `key-${earlier}`, customerId],
    );
    await sql(
      `INSERT INTO messages (id, conversation_id, seq, role, text, channel, conversation_key, created_at)
       VALUES ($1, $2, 1, 'system', 'Conversation started', 'email', $3, now() - interval '7 days'),
              ($4, $2, 2, 'customer', $5, 'email', $3, now() - interval '7 days')`,
      [randomUUID(), earlier, `key-${earlier}`, randomUUID(), opening],
    );
    await sql(`INSERT INTO outcomes (conversation_id, resolution, escalated, disposition, csat, closed_at) VALUES ($1, 'human_resolved', true, 'resolved', 4, now() - interval '6 days')`, [
      earlier,
    ]);

    const { conversationId } = await escalate(customerId, 'I want to speak to a person');

    const answer = await api<CustomerConversationSummary[]>('GET', `/customers/${customerId}/conversations`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      expect.objectContaining({ id: conversationId, channel: 'web', outcome: null, firstMessage: 'I want to speak to a person' }),
      {
        id: earlier,
        channel: 'email',
        stage: 'closed',
        intent: 'billing',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        outcome: { resolution: 'human_resolved', csat: 4, disposition: 'resolved' },
        firstMessage: expect.stringMatching(/^I was double charged for my order .*…$/),
      },
    ]);
    // Cut at 140 characters; a space before the ellipsis is dropped.
    expect([...answer.body[1]!.firstMessage!].length).toBeGreaterThanOrEqual(139);
    expect([...answer.body[1]!.firstMessage!].length).toBeLessThanOrEqual(140);
    expect(['escalated', 'human']).toContain(answer.body[0]!.stage);

    const newest = await api<CustomerConversationSummary[]>('GET', `/customers/${customerId}/conversations?limit=1`);
    expect(newest.body.map((c) => c.id)).toEqual([conversationId]);
    expect((await api('GET', '/customers/cus_nobody_here/conversations')).body).toEqual([]);
  });

  it('refuses a malformed customer id or limit', async () => {
    const badId = await api('GET', `/customers/${encodeURIComponent('not an id!')}/conversations`);
    expect([badId.status, badId.body.error.details[0].field]).toEqual([400, 'customerId']);
    for (const limit of ['0', '101', 'ten']) {
      const badLimit = await api('GET', `/customers/cus_1001/conversations?limit=${limit}`);
      expect([limit, badLimit.status, badLimit.body.error.details[0].field]).toEqual([limit, 400, 'limit']);
    }
  });

  it('leaves the contact preferences route beside it untouched', async () => {
    expect((await api('GET', '/customers/cus_1001/contact-preferences')).status).toBe(200);
  });
});
