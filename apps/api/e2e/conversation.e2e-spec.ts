import { publishFlowVariant } from '@baton/testing';
import { as, createAgent } from './support/agents';
import { aiReplies, api, control, conversationWhen, escalatedTask, newKey, platform, say, sql } from './support/platform-client';

describe('a conversation carried end to end', () => {
  it('answers an order-status question with the real order from the business backend', async () => {
    const [order] = await sql(`SELECT status, carrier FROM demo_store.orders WHERE number = 'ORD-10042'`);
    const { conversationId } = await say(newKey(), 'Hi, where is my order ORD-10042?', { customerId: 'cus_1001' });

    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length >= 1);

    expect(aiReplies(view)[0]).toContain(`Order ORD-10042 is ${order.status}`);
    expect(aiReplies(view)[0]).toContain(order.carrier);
    expect(view.stage).toBe('ai_handling');
    expect(view.intent).toBe('order_status');
    expect(view.flow).toEqual({ name: 'conversation-default', version: expect.any(Number) });
    expect(view.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'route', rule: 'Order status', action: 'order', values: expect.objectContaining({ 'signals.intent': 'order_status' }) }),
        expect.objectContaining({ nodeId: 'lookup', action: 'success', values: expect.objectContaining({ status: 200 }) }),
      ]),
    );
    expect(view.tasks).toEqual([]);
  });

  it('follows a change in the backend rather than a canned answer', async () => {
    await sql(`UPDATE demo_store.orders SET status = 'returned_to_sender' WHERE number = 'ORD-10043'`);
    try {
      const { conversationId } = await say(newKey(), 'status of order ORD-10043 please', { customerId: 'cus_1001' });
      const view = await conversationWhen(conversationId, (v) => aiReplies(v).length >= 1);
      expect(aiReplies(view)[0]).toContain('Order ORD-10043 is returned to sender');
    } finally {
      await sql(`UPDATE demo_store.orders SET status = 'delivered' WHERE number = 'ORD-10043'`);
    }
  });

  it("asks for the order number, collects it, and will not show another customer's order", async () => {
    const key = newKey();
    const { conversationId } = await say(key, 'Where is my package?', { customerId: 'cus_1002' });
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await say(key, "It's ORD-10042", { customerId: 'cus_1002' });
    const notMine = await conversationWhen(conversationId, (v) => aiReplies(v).length === 2);
    expect(aiReplies(notMine)[1]).toMatch(/couldn't find order ORD-10042/);

    await say(key, 'Sorry, ORD-10077', { customerId: 'cus_1002' });
    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length === 3);
    expect(aiReplies(view)[2]).toContain('Order ORD-10077 is processing');
  });

  it('sends a real password reset through the backend', async () => {
    const [{ count: before }] = await sql(`SELECT count(*)::int AS count FROM demo_store.password_resets WHERE customer_id = 'cus_1003'`);
    const { conversationId } = await say(newKey(), 'I forgot my password', { customerId: 'cus_1003' });
    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length >= 1);
    expect(aiReplies(view)[0]).toContain('c***@example.com');
    const [{ count: after }] = await sql(`SELECT count(*)::int AS count FROM demo_store.password_resets WHERE customer_id = 'cus_1003'`);
    expect(after).toBe(before + 1);
  });

  it('tells the customer honestly and hands over when the business backend is down', async () => {
    await control('store', 'kill');
    try {
      const { conversationId } = await say(newKey(), 'Where is my order ORD-10042?', { customerId: 'cus_1001' });
      const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1 && aiReplies(v).length === 2);
      expect(aiReplies(view)[0]).toBe("I'm sorry, I can't reach our order system right now, so I'm passing you to a member of our team.");
      expect(view.tasks[0]).toMatchObject({ queue: 'support', reason: 'order system unavailable' });
      expect(view.decisions).toContainEqual(expect.objectContaining({ nodeId: 'lookup', action: 'error' }));
      expect(view.decisions).toContainEqual(expect.objectContaining({ nodeId: 'not_found', action: 'false', values: expect.objectContaining({ 'vars.lookupStatus': 0 }) }));
    } finally {
      await control('store', 'start');
    }
  });

  it('escalates a cancellation to a human task with the context and the reason', async () => {
    const key = newKey();
    await say(key, 'Where is my order ORD-10077?', { customerId: 'cus_1002' });
    const { conversationId } = await say(key, 'This is taking forever, I want to cancel my account', { customerId: 'cus_1002' });

    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1 && aiReplies(v).length === 2);

    const [task] = view.tasks;
    expect(task).toMatchObject({ queue: 'retention', priority: 'high', status: 'open', reason: 'Customer wants to cancel' });
    expect(task.context.transcript.map((line) => line.role)).toEqual(['customer', 'ai', 'customer']);
    expect(task.context.collected).toMatchObject({ orderNumber: 'ORD-10077', orderStatus: 'processing', handoffReason: 'Customer wants to cancel' });
    expect(task.context.signals?.intents[0].label).toBe('cancellation');
    // Intents come from the trained model (the shipped conversation-default), which also judges scope.
    expect(task.context.signals?.outOfScope).toBe(false);
    expect(task.context.decisions.filter((d) => d.nodeId === 'route').map((d) => d.rule)).toEqual(['Order status', 'Cancellation']);
    expect(task.context.summary).toContain('cus_1002');
    expect(view.stage).toBe('escalated');

    const open = await api('GET', '/tasks?status=open&limit=200');
    expect(open.body.map((t: { id: string }) => t.id)).toContain(task.id);
  });

  it.each([
    ['a sensitive topic', 'I lost my job and cannot afford this month', 'care', 'urgent'],
    ['a request for a person', 'Can I talk to a real person please', 'support', 'normal'],
    ['strong dissatisfaction', 'This is terrible, useless and unacceptable', 'support', 'high'],
    ['several requests at once', 'Where is my order ORD-10042, and I also forgot my password', 'support', 'normal'],
  ])('escalates %s', async (_case, text, queue, priority) => {
    const { conversationId } = await say(newKey(), text);
    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
    expect(view.tasks[0]).toMatchObject({ queue, priority, status: 'open' });
  });

  it('sends regulated topics to a queue that needs a licensed advisor', async () => {
    const { conversationId } = await say(newKey(), 'I am going to report this to the regulator and my lawyer');
    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
    expect(view.tasks[0]).toMatchObject({ queue: 'compliance', priority: 'high', requiredSkills: ['licensed'], reason: 'Regulated topic: needs a licensed advisor' });
    expect(view.decisions).toContainEqual(expect.objectContaining({ nodeId: 'route', rule: 'Regulated topic' }));
  });

  it('answers a billing question from the knowledge base', async () => {
    const { conversationId } = await say(newKey(), 'When will my refund arrive?');
    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length >= 1);
    expect(view.tasks).toEqual([]);
    expect(aiReplies(view)[0].toLowerCase()).toContain('refund');
    expect(view.decisions).toContainEqual(expect.objectContaining({ nodeId: 'billing', action: 'answered' }));
  });

  it('after hours, takes a number for a call back and queues it', async () => {
    await publishFlowVariant(platform, {
      from: 'conversation-default',
      as: 'e2e-after-hours',
      message: 'A team that is never in',
      change: (flow) => {
        for (const node of flow.nodes) if (node.type === 'business_hours') Object.assign(node.config, { weekly: [], holidays: [] });
      },
    });
    const key = newKey();
    const { conversationId } = await say(key, 'I want to cancel my subscription', { customerId: 'cus_1002', flow: 'e2e-after-hours' });
    const asked = await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    expect(aiReplies(asked)[0]).toMatch(/call back when we open: what number/);
    await say(key, 'call me on banana', { customerId: 'cus_1002' });
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 2);
    await say(key, '+44 20 7946 0000', { customerId: 'cus_1002' });
    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
    expect(view.tasks[0]).toMatchObject({ queue: 'callbacks', reason: 'Call back +442079460000: Customer wants to cancel' });
    expect(aiReplies(view)[2]).toContain('call you on +442079460000');
    expect(view.flow).toEqual({ name: 'e2e-after-hours', version: 1 });
  });

  it('hands over after repeated AI failures', async () => {
    const key = newKey();
    const { conversationId } = await say(key, 'What is the meaning of life?');
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await say(key, 'Tell me about quantum chromodynamics');
    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
    expect(view.tasks[0].reason).toBe('AI could not help after several tries');
    expect(view.decisions.filter((d) => d.nodeId === 'too_many_failures').map((d) => d.action)).toEqual(['false', 'true']);
  });

  it('lets the agent who claimed the task reply and resolve, then records CSAT', async () => {
    const { conversationId, task, key } = await escalatedTask();
    const [ana, bob] = [await createAgent(), await createAgent()];
    expect((await api('POST', `/tasks/${task.id}/claim`, {}, as(ana))).status).toBe(200);

    const stranger = await api('POST', `/tasks/${task.id}/reply`, { text: 'hello' }, as(bob));
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('TASK_NOT_CLAIMED_BY_AGENT');

    const reply = await api('POST', `/tasks/${task.id}/reply`, { text: 'I can help you with the cancellation.' }, as(ana));
    expect(reply.status).toBe(200);
    await say(key, 'Thank you, please go ahead', { customerId: 'cus_1002' });
    const resolved = await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'resolved', notes: 'Cancelled as asked' }, as(ana));
    expect(resolved.body).toEqual({ taskId: task.id, status: 'resolved' });

    const asked = await conversationWhen(conversationId, (v) => v.stage === 'feedback' && aiReplies(v).length === 2);
    expect(aiReplies(asked).at(-1)).toMatch(/rate your experience/);
    await say(key, '4', { customerId: 'cus_1002' });

    const closed = await conversationWhen(conversationId, (v) => v.stage === 'closed');
    expect(closed.outcome).toMatchObject({ resolution: 'human_resolved', escalated: true, disposition: 'resolved', csat: 4 });
    expect(closed.tasks[0]).toMatchObject({ status: 'resolved', claimedBy: ana.id, notes: 'Cancelled as asked' });
    expect(closed.tasks[0].firstReplyAt).not.toBeNull();
    expect(closed.tasks[0].history.map((entry) => entry.action)).toEqual(['created', 'claimed', 'resolved']);
    expect(closed.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'cus_1002'],
      ['ai', 'baton'],
      ['agent', ana.id],
      ['customer', 'cus_1002'],
      ['ai', 'baton'],
      ['customer', 'cus_1002'],
      ['ai', 'baton'],
    ]);

    const again = await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'resolved' }, as(ana));
    expect([again.status, again.body.error.code]).toEqual([409, 'TASK_CLOSED']);

    const next = await say(key, 'Where is my order ORD-10077?', { customerId: 'cus_1002' });
    expect(next.conversationId).not.toBe(conversationId);
  });

  it('closes without a score when the customer does not answer the survey', async () => {
    const surveyTimeoutSeconds = 10;
    await publishFlowVariant(platform, {
      from: 'conversation-default',
      as: 'e2e-quick-survey',
      message: 'A survey that waits 10 s',
      change: (flow) => {
        for (const node of flow.nodes) if (node.type === 'survey') node.config.timeoutSeconds = surveyTimeoutSeconds;
      },
    });
    const key = newKey();
    const { conversationId } = await say(key, 'Where is my order ORD-10090?', { customerId: 'cus_1003', flow: 'e2e-quick-survey' });
    await conversationWhen(conversationId, (v) => aiReplies(v).length === 1);
    await say(key, "Thanks, that's all", { customerId: 'cus_1003' });
    const closed = await conversationWhen(conversationId, (v) => v.stage === 'closed', surveyTimeoutSeconds * 1000 + 20_000);
    expect(closed.outcome).toMatchObject({ resolution: 'ai_resolved', escalated: false, csat: null });
    expect(closed.decisions).toContainEqual(expect.objectContaining({ nodeId: 'csat', action: 'no_answer', values: expect.objectContaining({ timedOut: true }) }));
  });

  it('asks again once when the survey answer is not a score', async () => {
    const { conversationId, task, key } = await escalatedTask();
    const ana = await createAgent();
    await api('POST', `/tasks/${task.id}/claim`, {}, as(ana));
    await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'resolved' }, as(ana));
    await conversationWhen(conversationId, (v) => v.stage === 'feedback');
    await say(key, 'it was fine I guess', { customerId: 'cus_1002' });
    const reasked = await conversationWhen(conversationId, (v) => aiReplies(v).at(-1) === 'Please answer with a number from 1 to 5.');
    expect(reasked.stage).toBe('feedback');
    await say(key, '5!', { customerId: 'cus_1002' });
    const closed = await conversationWhen(conversationId, (v) => v.stage === 'closed');
    expect(closed.outcome).toMatchObject({ resolution: 'human_resolved', csat: 5 });
  });
});
