import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileFlowOrThrow, resume, serializeFlow, start, validateFlow, type Command, type CompiledFlow, type FlowEvent, type Step } from '@baton/flow';
import { keywordTriage } from '@baton/nlu';

/** The policy the shipped flows encode, checked node by node with the interpreter and the keyword triage. */

const FLOWS_DIR = path.join(__dirname, '../../flows');
const files = readdirSync(FLOWS_DIR).filter((file) => file.endsWith('.flow.json'));
const load = (name: string) => compileFlowOrThrow(JSON.parse(readFileSync(path.join(FLOWS_DIR, `${name}.flow.json`), 'utf8')));

const OPEN = '2026-03-02T10:00:00Z'; // Monday 10:00 in London
const CLOSED = '2026-03-01T21:00:00Z'; // Sunday evening

const commandOf = <T extends Command['type']>(step: Step, type: T) => step.commands.find((c): c is Extract<Command, { type: T }> => c.type === type);
const texts = (step: Step) => step.commands.flatMap((c) => (c.type === 'send' ? [c.text] : []));

describe('shipped flow files', () => {
  it('ships the conversation default and the three outreach flows', () => {
    expect(files.sort()).toEqual(['appointment-confirmation.flow.json', 'conversation-default.flow.json', 'payment-reminder.flow.json', 'shipment-delay.flow.json']);
  });

  it.each(files)('%s is valid, named after its file and stored in the canonical format', (file) => {
    const text = readFileSync(path.join(FLOWS_DIR, file), 'utf8');
    const document = JSON.parse(text);
    expect(validateFlow(document).problems).toEqual([]);
    expect(document.id).toBe(file.replace('.flow.json', ''));
    expect(serializeFlow(document)).toBe(text);
  });
});

describe('conversation-default', () => {
  const flow = load('conversation-default');
  const say = (text: string, now = OPEN) => start(flow, { now, customer: { id: 'cus_1' }, message: { text, signals: keywordTriage(text) } });
  const reply = (step: Step, text: string) => resume(flow, step.state, { type: 'message', text, signals: keywordTriage(text), at: step.state.now });
  const event = (step: Step, e: FlowEvent) => resume(flow, step.state, e);

  it.each([
    ['I lost my job and cannot afford this month', 'care', 'urgent', [], 'Sensitive topic: financial_hardship'],
    ['I will take legal action with my lawyer', 'compliance', 'high', ['licensed'], 'Regulated topic: needs a licensed advisor'],
    ['I want to cancel my subscription', 'retention', 'high', [], 'Customer wants to cancel'],
    ['Can I talk to a real person please', 'support', 'normal', [], 'Customer asked for a person'],
    ['This is terrible, useless and unacceptable', 'support', 'high', [], 'Strong or worsening dissatisfaction'],
    ['Where is my order ORD-10042, and I also forgot my password', 'support', 'normal', [], 'Several requests in one message'],
  ])('hands %j to %s (%s)', (text, queue, priority, requiredSkills, reason) => {
    const step = say(text);
    expect(commandOf(step, 'escalate')).toMatchObject({ queue, priority, requiredSkills, reason });
    expect(step.state.wait?.kind).toBe('task');
  });

  it('sends distress to the care team even out of hours', () => {
    expect(commandOf(say("I'm desperate and can't cope", CLOSED), 'escalate')).toMatchObject({ queue: 'care', priority: 'urgent' });
  });

  it('out of hours, takes a number for a call back instead of queueing', () => {
    let step = say('I want to cancel my subscription', CLOSED);
    expect(commandOf(step, 'escalate')).toBeUndefined();
    expect(texts(step)[0]).toMatch(/call back when we open/);
    step = reply(step, 'not telling');
    expect(texts(step)[0]).toMatch(/doesn't look like a phone number/);
    step = reply(step, '+44 20 7946 0000');
    expect(texts(step)[0]).toContain('call you on +442079460000');
    expect(commandOf(step, 'escalate')).toMatchObject({ queue: 'callbacks', reason: 'Call back +442079460000: Customer wants to cancel' });
  });

  it('looks up an order named in the message and tells its status in words', () => {
    let step = say('Where is my order ORD-10042?');
    expect(commandOf(step, 'http')).toMatchObject({ method: 'GET', url: 'store:/customers/cus_1/orders/ORD-10042', headers: [{ name: 'x-api-key', secret: 'store_api_key' }] });
    step = event(step, { type: 'action_result', id: commandOf(step, 'http')!.id, status: 200, body: { status: 'in_transit', carrier: 'DHL', estimatedDelivery: '2026-03-05' } });
    expect(texts(step)).toEqual(['Order ORD-10042 is in transit with DHL and should arrive by 2026-03-05. Is there anything else I can help with?']);
    expect(step.state.wait?.kind).toBe('reply');
  });

  it('asks for the order number, asks again when the order is not on the account, and hands over after three misses', () => {
    let step = say('Where is my package?');
    expect(texts(step)).toEqual(['I can check that for you. What is your order number? It looks like ORD-10042.']);
    step = reply(step, "It's ORD-10001");
    for (const miss of [1, 2]) {
      step = event(step, { type: 'action_result', id: commandOf(step, 'http')!.id, status: 404, body: null });
      expect(texts(step)[0]).toMatch(/couldn't find order ORD-\d+ on your account/);
      expect(step.state.vars.lookupMisses).toBe(miss);
      step = reply(step, `ORD-1000${miss + 1}`);
    }
    step = event(step, { type: 'action_result', id: commandOf(step, 'http')!.id, status: 404, body: null });
    expect(commandOf(step, 'escalate')).toMatchObject({ queue: 'support', reason: 'Order not found after several tries' });
  });

  it('says so honestly and hands over when the order system is down', () => {
    let step = say('Where is my order ORD-10042?');
    step = event(step, { type: 'action_error', id: commandOf(step, 'http')!.id, error: 'connect ECONNREFUSED' });
    expect(texts(step)[0]).toBe("I'm sorry, I can't reach our order system right now, so I'm passing you to a member of our team.");
    expect(commandOf(step, 'escalate')).toMatchObject({ queue: 'support', reason: 'order system unavailable' });
  });

  it('resets passwords, and hands over when there is no email on file', () => {
    const asked = say('I forgot my password');
    const http = commandOf(asked, 'http')!;
    expect(http).toMatchObject({ method: 'POST', url: 'store:/customers/cus_1/password-reset' });
    const sent = event(asked, { type: 'action_result', id: http.id, status: 200, body: { sent: true, maskedEmail: 'c***@example.com' } });
    expect(texts(sent)).toEqual(["I've sent a password reset link to c***@example.com. It is valid for 30 minutes."]);
    const unknown = event(asked, { type: 'action_result', id: http.id, status: 404, body: null });
    expect(commandOf(unknown, 'escalate')).toMatchObject({ reason: 'No email address on file for a password reset' });
  });

  it('answers billing questions from the billing knowledge base and other questions from the FAQ', () => {
    expect(commandOf(say('When will my refund arrive?'), 'ai_reply')).toMatchObject({ knowledgeBase: 'billing' });
    expect(commandOf(say('I need to reschedule my appointment'), 'ai_reply')).toMatchObject({ knowledgeBase: 'faq' });
    expect(commandOf(say('Do you ship to Norway?'), 'ai_reply')).toMatchObject({ knowledgeBase: 'faq' });
  });

  it('asks to rephrase once when it cannot answer, then hands over', () => {
    let step = say('What is the meaning of life?');
    step = event(step, { type: 'ai_reply_result', id: commandOf(step, 'ai_reply')!.id, text: null, confidence: 0 });
    expect(texts(step)[0]).toMatch(/didn't quite get that/);
    step = reply(step, 'Tell me about quantum chromodynamics');
    step = event(step, { type: 'ai_reply_result', id: commandOf(step, 'ai_reply')!.id, text: 'Something', confidence: 0.2 });
    expect(commandOf(step, 'escalate')).toMatchObject({ reason: 'AI could not help after several tries' });
  });

  it('hands over when sentiment turns sharply negative during the conversation', () => {
    let step = say('Hello');
    expect(texts(step)[0]).toMatch(/^Hello!/);
    step = resume(flow, step.state, { type: 'message', text: 'hmm', signals: { intents: [], sentiment: -0.55, risks: [], entities: { orderNumbers: [], emails: [] } } });
    expect(commandOf(step, 'escalate')).toMatchObject({ queue: 'support', priority: 'high' });
  });

  it('raises the priority when nobody claims a support task in time', () => {
    const step = say('Can I talk to a real person please');
    const task = commandOf(step, 'escalate')!;
    expect(task.sla).toEqual({ claimSeconds: 900 });
    const breached = event(step, { type: 'sla_breached', id: task.id, sla: 'claim' });
    expect(commandOf(breached, 'escalate')).toMatchObject({ queue: 'support', priority: 'high', reason: 'Customer asked for a person (waited over 15 minutes)' });
  });

  it('asks for a rating when the customer is done, and after a person resolves', () => {
    const done = say("Thanks, that's all");
    expect(commandOf(done, 'ask_survey')).toMatchObject({ scale: 5 });
    const rated = event(done, { type: 'survey_answer', id: commandOf(done, 'ask_survey')!.id, score: 5 });
    expect(rated.state.ended?.outcome).toBe('resolved');
    const escalated = say('I want to cancel my subscription');
    const resolved = event(escalated, { type: 'task_resolved', id: commandOf(escalated, 'escalate')!.id });
    expect(commandOf(resolved, 'ask_survey')).toBeDefined();
  });
});

describe.each([
  ['shipment-delay', { orderNumber: 'ORD-10042', newEta: '2026-03-09' }, /order ORD-10042 is delayed; it should now arrive by 2026-03-09/, null],
  ['payment-reminder', { amount: '$42.00', dueDate: '2026-03-05' }, /payment of \$42.00 is due on 2026-03-05/, 'PAID'],
  ['appointment-confirmation', { date: '2026-03-06', time: '10:30' }, /appointment is on 2026-03-06 at 10:30/, 'yes'],
])('%s', (name, payload, message, confirmation) => {
  const flow: CompiledFlow = load(name);
  const begin = () => start(flow, { now: OPEN, customer: { id: 'cus_1' }, event: payload });
  const reply = (step: Step, text: string) => resume(flow, step.state, { type: 'message', text, signals: keywordTriage(text) });

  it('sends the message with the event in it, then waits for a reply', () => {
    const step = begin();
    expect(texts(step)[0]).toMatch(message);
    expect(step.state.wait?.kind).toBe('reply');
  });

  it('honours STOP at once, tagging the opt-out', () => {
    const step = reply(begin(), 'STOP');
    expect(step.commands).toContainEqual(expect.objectContaining({ type: 'tag', add: ['opted-out'] }));
    expect(step.state.ended?.outcome).toBe('no_action');
  });

  it('hands a customer who wants to talk to a person', () => {
    expect(commandOf(reply(begin(), 'I want to speak to a real person about this'), 'escalate')).toMatchObject({ queue: 'support' });
  });

  it('ends quietly without a reply', () => {
    const step = begin();
    const silent = resume(flow, step.state, { type: 'reply_timeout', id: step.state.wait!.id });
    expect(silent.state.ended?.outcome).toBe('no_action');
  });

  if (confirmation) {
    it(`takes ${confirmation} as confirmation`, () => {
      expect(reply(begin(), confirmation).state.ended?.outcome).toBe('resolved');
    });
  }
});
