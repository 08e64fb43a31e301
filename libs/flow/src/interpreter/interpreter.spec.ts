import { compileFlowOrThrow } from '../compiler/compile';
import { buildFlow, policyFlow, signals } from '../testing/fixtures';
import { accepts, resume, start, type Command, type FlowEvent, type Step } from './interpreter';

const NOW = '2026-03-02T10:00:00Z'; // a Monday
const policy = () => compileFlowOrThrow(policyFlow());
const idOf = (step: Step, type: Command['type']) => (step.commands.find((c) => c.type === type) as { id: string }).id;
const types = (step: Step) => step.commands.map((c) => c.type);

describe('policy flow, event by event', () => {
  it('looks up an order, answers, waits, then escalates a complaint and runs CSAT', () => {
    const flow = policy();
    let step = start(flow, { now: NOW, message: { text: 'where is ORD-1?' } });
    expect(types(step)).toEqual(['classify']);
    step = resume(flow, step.state, { type: 'classified', id: idOf(step, 'classify'), signals: signals({ intents: [{ label: 'order_status', confidence: 0.9 }], entities: { orderNumbers: ['ORD-1'], emails: [] } }) });
    expect(step.commands).toEqual([expect.objectContaining({ type: 'http', method: 'GET', url: 'https://shop.example/orders/ORD-1', headers: [{ name: 'Authorization', secret: 'shop-token' }] })]);
    expect(step.decisions.map((d) => [d.nodeId, d.port])).toEqual([['classify', 'next'], ['route', 'order']]);
    expect(step.decisions[1]!.values).toMatchObject({ case: 'Order status', 'signals.intent': 'order_status' });
    step = resume(flow, step.state, { type: 'action_result', id: idOf(step, 'http'), status: 200, body: { status: 'shipped' } });
    expect(step.commands).toEqual([
      { type: 'send', nodeId: 'tell', text: 'Your order is shipped.' },
      expect.objectContaining({ type: 'wait_for_reply', timeoutSeconds: 600 }),
    ]);
    expect(step.state.vars.orderStatus).toBe('shipped');
    step = resume(flow, step.state, { type: 'message', text: 'this is useless', signals: signals({ intents: [{ label: 'complaint', confidence: 0.8 }], sentiment: -0.8 }) });
    expect(step.commands).toEqual([expect.objectContaining({ type: 'escalate', queue: 'support', priority: 'normal', reason: 'AI could not help with complaint' })]);
    expect(step.decisions.find((d) => d.nodeId === 'route')).toMatchObject({ port: 'default' });
    expect(step.state.signals?.sentimentShift).toBeCloseTo(-0.8);
    const taskId = idOf(step, 'escalate');
    const during = resume(flow, step.state, { type: 'message', text: 'hello?' });
    expect(during.commands).toEqual([]);
    expect(during.state.wait).toEqual(step.state.wait);
    step = resume(flow, during.state, { type: 'task_resolved', id: taskId, disposition: 'solved' });
    expect(types(step)).toEqual(['ask_survey']);
    step = resume(flow, step.state, { type: 'survey_answer', id: idOf(step, 'ask_survey'), score: 4 });
    expect(step.status).toBe('ended');
    expect(step.commands).toEqual([{ type: 'end', nodeId: 'done', outcome: 'resolved' }]);
    expect(step.state.conversation.csat).toBe(4);
  });

  it('sends sensitive topics to care ahead of the intent', () => {
    const flow = policy();
    const step = start(flow, { now: NOW, message: { text: 'x', signals: signals({ risks: ['medical'], intents: [{ label: 'order_status', confidence: 0.9 }] }) } });
    expect(step.commands).toEqual([expect.objectContaining({ type: 'escalate', queue: 'care', priority: 'urgent', requiredSkills: ['care'], sla: { claimSeconds: 120 } })]);
    expect(step.decisions.find((d) => d.nodeId === 'care')!.values).toMatchObject({ queue: 'care', risks: ['medical'] });
  });

  it('answers billing from the knowledge base and falls back when unsure', () => {
    const flow = policy();
    const first = start(flow, { now: NOW, message: { text: 'invoice?', signals: signals({ intents: [{ label: 'billing', confidence: 0.8 }] }) } });
    expect(first.commands).toEqual([expect.objectContaining({ type: 'ai_reply', knowledgeBase: 'billing-faq', intent: 'billing', text: 'invoice?' })]);
    const id = idOf(first, 'ai_reply');
    const sure = resume(flow, first.state, { type: 'ai_reply_result', id, text: 'It is on the 1st.', confidence: 0.9 });
    expect(types(sure)).toEqual(['send', 'wait_for_reply']);
    const unsure = resume(flow, first.state, { type: 'ai_reply_result', id, text: 'maybe', confidence: 0.2 });
    expect(types(unsure)).toEqual(['escalate']);
    expect(unsure.state.conversation.aiFailures).toBe(1);
  });

  it('goes to the error port when the action fails, and ends abandoned on a reply timeout', () => {
    const flow = policy();
    const first = start(flow, { now: NOW, message: { text: 'x', signals: signals({ intents: [{ label: 'order_status', confidence: 0.9 }] }) } });
    const failed = resume(flow, first.state, { type: 'action_error', id: idOf(first, 'http'), error: 'timeout' });
    expect(types(failed)).toEqual(['escalate']);
    expect(failed.decisions[0]).toMatchObject({ nodeId: 'lookup', port: 'error', values: { error: 'timeout' } });
    const notFound = resume(flow, first.state, { type: 'action_result', id: idOf(first, 'http'), status: 404, body: null });
    expect(types(notFound)).toEqual(['escalate']);
    const ok = resume(flow, first.state, { type: 'action_result', id: idOf(first, 'http'), status: 200, body: { status: 'late' } });
    const gone = resume(flow, ok.state, { type: 'reply_timeout', id: idOf(ok, 'wait_for_reply') });
    expect(gone.commands).toEqual([{ type: 'end', nodeId: 'gone', outcome: 'abandoned' }]);
  });

  it('ignores events it does not wait for, and stale ids', () => {
    const flow = policy();
    const first = start(flow, { now: NOW, message: { text: 'x' } });
    const stale: FlowEvent = { type: 'classified', id: 'classify#99', signals: signals() };
    expect(accepts(first.state, stale)).toBe(false);
    expect(resume(flow, first.state, stale)).toMatchObject({ ignored: true, commands: [], state: first.state });
    expect(resume(flow, first.state, { type: 'message', text: 'another' }).ignored).toBe(true);
  });

  it('continues identically after a JSON round trip of the state', () => {
    const flow = policy();
    const first = start(flow, { now: NOW, message: { text: 'x', signals: signals({ intents: [{ label: 'order_status', confidence: 0.9 }] }) } });
    const event: FlowEvent = { type: 'action_result', id: idOf(first, 'http'), status: 200, body: { status: 'packed' } };
    const direct = resume(flow, first.state, event);
    const carried = resume(compileFlowOrThrow(policyFlow()), JSON.parse(JSON.stringify(first.state)), event);
    expect(carried).toEqual(direct);
  });

  it('refuses state from another flow version', () => {
    const first = start(policy(), { now: NOW, message: { text: 'x' } });
    const other = compileFlowOrThrow({ ...policyFlow(), name: 'Changed' });
    expect(() => resume(other, first.state, { type: 'classified', id: idOf(first, 'classify'), signals: signals() })).toThrow(/belongs to flow/);
  });
});

describe('every node type and its ports', () => {
  const endAt = (id: string) => [id, 'end', { outcome: 'resolved' }] as [string, string, Record<string, unknown>];
  const run = (nodes: [string, string, Record<string, unknown>?][], edges: [string, string, string][], input = {}) => {
    const flow = compileFlowOrThrow(buildFlow([['s', 'start'], ...nodes], [['s', 'next', 'x'], ...edges]));
    return { flow, step: start(flow, { now: NOW, message: { text: 'hi' }, ...input }) };
  };
  const endedAt = (step: Step) => step.state.ended?.nodeId;

  it('condition: true and false', () => {
    const nodes: [string, string, Record<string, unknown>][] = [['x', 'condition', { expression: 'message == "hi"' }], endAt('t'), endAt('f')];
    const edges: [string, string, string][] = [['x', 'true', 't'], ['x', 'false', 'f']];
    expect(endedAt(run(nodes, edges).step)).toBe('t');
    expect(endedAt(run(nodes, edges, { message: { text: 'no' } }).step)).toBe('f');
  });

  it('condition: a runtime error goes to false and is recorded', () => {
    const { step } = run([['x', 'condition', { expression: 'customer.tier == "gold"' }], endAt('t'), endAt('f')], [['x', 'true', 't'], ['x', 'false', 'f']]);
    expect(endedAt(step)).toBe('f');
    expect(step.decisions[0]!.values.error).toMatch(/tier/);
  });

  it('switch: a case port and default', () => {
    const nodes: [string, string, Record<string, unknown>][] = [['x', 'switch', { cases: [{ port: 'gold', when: 'customer.tier == "gold"' }] }], endAt('g'), endAt('d')];
    const edges: [string, string, string][] = [['x', 'gold', 'g'], ['x', 'default', 'd']];
    expect(endedAt(run(nodes, edges, { customer: { tier: 'gold' } }).step)).toBe('g');
    expect(endedAt(run(nodes, edges, { customer: { tier: 'basic' } }).step)).toBe('d');
  });

  it('switch: the decision names the case that fired, or the node on default', () => {
    const nodes: [string, string, Record<string, unknown>][] = [['x', 'switch', { cases: [{ port: 'gold', label: 'Gold customer', when: 'customer.tier == "gold"' }] }], endAt('g'), endAt('d')];
    const edges: [string, string, string][] = [['x', 'gold', 'g'], ['x', 'default', 'd']];
    expect(run(nodes, edges, { customer: { tier: 'gold' } }).step.decisions[0]).toMatchObject({ rule: 'Gold customer', port: 'gold' });
    expect(run(nodes, edges, { customer: { tier: 'basic' } }).step.decisions[0]).toMatchObject({ rule: 'x', port: 'default' });
  });

  it('send: templates render CEL, with replace() for codes', () => {
    const { step } = run([['x', 'send', { text: 'Order is {{ customer.status.replace("_", " ") }}{{ customer.carrier != null ? " with " + customer.carrier : "" }}.' }], endAt('e')], [['x', 'next', 'e']], {
      customer: { status: 'returned_to_sender', carrier: null },
    });
    expect(step.commands[0]).toEqual({ type: 'send', nodeId: 'x', text: 'Order is returned to sender.' });
  });

  it('action: statusVariable holds the HTTP status on both ports, 0 when no answer came', () => {
    const nodes: [string, string, Record<string, unknown>][] = [
      ['x', 'action', { method: 'GET', url: 'https://shop.example/x', statusVariable: 'code' }],
      ['c', 'condition', { expression: 'vars.code == 404' }],
      endAt('ok'),
      endAt('missing'),
      endAt('down'),
    ];
    const edges: [string, string, string][] = [['x', 'success', 'ok'], ['x', 'error', 'c'], ['c', 'true', 'missing'], ['c', 'false', 'down']];
    const { flow, step } = run(nodes, edges);
    const id = idOf(step, 'http');
    const ok = resume(flow, step.state, { type: 'action_result', id, status: 204, body: null });
    expect([endedAt(ok), ok.state.vars.code]).toEqual(['ok', 204]);
    const missing = resume(flow, step.state, { type: 'action_result', id, status: 404, body: null });
    expect([endedAt(missing), missing.state.vars.code]).toEqual(['missing', 404]);
    const down = resume(flow, step.state, { type: 'action_error', id, error: 'connect ECONNREFUSED' });
    expect([endedAt(down), down.state.vars.code]).toEqual(['down', 0]);
  });

  it('ai_reply from intent templates: answered and fallback', () => {
    const nodes: [string, string, Record<string, unknown>][] = [
      ['c', 'classify', {}],
      ['x', 'ai_reply', { source: 'intent_template', templates: { greeting: 'Hello {{ customer.name }}!' } }],
      endAt('a'),
      endAt('f'),
    ];
    const flow = compileFlowOrThrow(buildFlow([['s', 'start'], ...nodes], [['s', 'next', 'c'], ['c', 'next', 'x'], ['x', 'answered', 'a'], ['x', 'fallback', 'f']]));
    const hello = start(flow, { now: NOW, customer: { name: 'Ada' }, message: { text: 'hi', signals: signals({ intents: [{ label: 'greeting', confidence: 0.9 }] }) } });
    expect(hello.commands[0]).toEqual({ type: 'send', nodeId: 'x', text: 'Hello Ada!' });
    expect(endedAt(hello)).toBe('a');
    const other = start(flow, { now: NOW, message: { text: '?', signals: signals() } });
    expect(endedAt(other)).toBe('f');
  });

  it('collect: collected, re-asked then invalid, and timeout', () => {
    const nodes: [string, string, Record<string, unknown>][] = [
      ['x', 'collect', { variable: 'email', prompt: 'Your email?', retryPrompt: 'That was not an email, again?', valueType: 'email', maxAttempts: 2, timeoutSeconds: 60 }],
      ['ok', 'send', { text: 'Thanks, {{ vars.email }}' }],
      endAt('c'),
      endAt('i'),
      endAt('t'),
    ];
    const edges: [string, string, string][] = [['x', 'collected', 'ok'], ['ok', 'next', 'c'], ['x', 'invalid', 'i'], ['x', 'timeout', 't']];
    const { flow, step } = run(nodes, edges);
    expect(step.commands).toEqual([{ type: 'send', nodeId: 'x', text: 'Your email?' }, expect.objectContaining({ type: 'wait_for_reply', timeoutSeconds: 60 })]);
    const good = resume(flow, step.state, { type: 'message', text: 'a@b.co' });
    expect(good.commands[0]).toEqual({ type: 'send', nodeId: 'ok', text: 'Thanks, a@b.co' });
    expect(endedAt(good)).toBe('c');
    const bad = resume(flow, step.state, { type: 'message', text: 'nope' });
    expect(bad.commands[0]).toMatchObject({ text: 'That was not an email, again?' });
    expect(endedAt(resume(flow, bad.state, { type: 'message', text: 'still no' }))).toBe('i');
    expect(endedAt(resume(flow, step.state, { type: 'reply_timeout', id: idOf(step, 'wait_for_reply') }))).toBe('t');
  });

  it('send, tag and set_variable: next', () => {
    const { step } = run(
      [['x', 'set_variable', { assignments: [{ variable: 'n', expression: '2 * 21' }] }], ['t', 'tag', { add: ['vip'] }], ['m', 'send', { text: 'n={{ vars.n }} tags={{ conversation.tags }}' }], endAt('e')],
      [['x', 'next', 't'], ['t', 'next', 'm'], ['m', 'next', 'e']],
    );
    expect(step.state.vars.n).toBe(42);
    expect(step.commands).toEqual([{ type: 'tag', nodeId: 't', add: ['vip'], remove: [] }, { type: 'send', nodeId: 'm', text: 'n=42 tags=["vip"]' }, { type: 'end', nodeId: 'e', outcome: 'resolved' }]);
  });

  it('wait: next when the timer fires', () => {
    const { flow, step } = run([['x', 'wait', { seconds: 30 }], endAt('e')], [['x', 'next', 'e']]);
    expect(step.commands).toEqual([{ type: 'start_timer', id: 'x#1', nodeId: 'x', seconds: 30 }]);
    expect(endedAt(resume(flow, step.state, { type: 'timer_fired', id: 'x#1' }))).toBe('e');
  });

  it('wait_for_reply: replied stores the text, timeout', () => {
    const { flow, step } = run([['x', 'wait_for_reply', { timeoutSeconds: 60, variable: 'answer' }], endAt('r'), endAt('t')], [['x', 'replied', 'r'], ['x', 'timeout', 't']]);
    const replied = resume(flow, step.state, { type: 'message', text: 'yes' });
    expect([endedAt(replied), replied.state.vars.answer, replied.state.conversation.turns]).toEqual(['r', 'yes', 2]);
    expect(endedAt(resume(flow, step.state, { type: 'reply_timeout', id: 'x#1' }))).toBe('t');
  });

  it('business_hours: open, closed, holiday, overnight, in the time zone', () => {
    const config = { timeZone: 'Europe/Berlin', weekly: [{ day: 'mon', open: '09:00', close: '17:00' }, { day: 'fri', open: '22:00', close: '02:00' }], holidays: ['2026-12-25'] };
    const at = (now: string) => endedAt(run([['x', 'business_hours', config], endAt('o'), endAt('c')], [['x', 'open', 'o'], ['x', 'closed', 'c']], { now }).step);
    expect(at('2026-03-02T10:00:00Z')).toBe('o'); // Monday 11:00 in Berlin
    expect(at('2026-03-02T16:30:00Z')).toBe('c'); // Monday 17:30 in Berlin
    expect(at('2026-03-07T00:30:00Z')).toBe('o'); // Saturday 01:30, Friday's late shift
    expect(at('2026-12-21T10:00:00Z')).toBe('o');
    expect(at('2026-12-25T10:00:00Z')).toBe('c'); // a Friday, holiday
  });

  it("business_hours naming a queue: asks for the queue's hours and takes the port the answer gives", () => {
    const { flow, step } = run([['x', 'business_hours', { queue: 'support' }], endAt('o'), endAt('c')], [['x', 'open', 'o'], ['x', 'closed', 'c']], { now: '2026-03-02T10:00:00Z' });
    expect(step.commands).toEqual([{ type: 'check_hours', id: 'x#1', nodeId: 'x', queue: 'support' }]);
    expect([step.status, step.state.wait]).toEqual(['waiting', { kind: 'hours', id: 'x#1' }]);
    const seen = { timeZone: 'Europe/London', localTime: '10:00', holiday: false };
    const open = resume(flow, step.state, { type: 'hours_checked', id: 'x#1', open: true, seen });
    expect(endedAt(open)).toBe('o');
    expect(open.decisions[0]).toMatchObject({ nodeId: 'x', port: 'open', values: { queue: 'support', ...seen } });
    expect(endedAt(resume(flow, step.state, { type: 'hours_checked', id: 'x#1', open: false, seen: { holiday: true } }))).toBe('c');
    expect(resume(flow, step.state, { type: 'hours_checked', id: 'y#1', open: true, seen: {} }).ignored).toBe(true);
    expect(resume(flow, step.state, { type: 'timer_fired', id: 'x#1' }).ignored).toBe(true);
  });

  it('escalate: resolved, sla_breached, abandoned; unconnected sla_breached keeps waiting', () => {
    const nodes: [string, string, Record<string, unknown>][] = [['x', 'escalate', { queue: 'q', handoffMessage: 'A person will help.' }], endAt('r'), endAt('b'), endAt('a')];
    const { flow, step } = run(nodes, [['x', 'resolved', 'r'], ['x', 'sla_breached', 'b'], ['x', 'abandoned', 'a']]);
    expect(step.commands[0]).toMatchObject({ type: 'escalate', id: 'x#1', handoffMessage: 'A person will help.', reason: 'Escalated by "x"' });
    expect(endedAt(resume(flow, step.state, { type: 'task_resolved', id: 'x#1' }))).toBe('r');
    expect(endedAt(resume(flow, step.state, { type: 'sla_breached', id: 'x#1', sla: 'claim' }))).toBe('b');
    expect(endedAt(resume(flow, step.state, { type: 'abandoned', id: 'x#1' }))).toBe('a');
    const loose = run([nodes[0]!, nodes[1]!, nodes[3]!], [['x', 'resolved', 'r'], ['x', 'abandoned', 'a']]);
    const breached = resume(loose.flow, loose.step.state, { type: 'sla_breached', id: 'x#1', sla: 'resolve' });
    expect([breached.status, breached.state.wait]).toEqual(['waiting', { kind: 'task', id: 'x#1' }]);
  });

  it('survey: answered and no_answer (out of scale or timeout)', () => {
    const { flow, step } = run([['x', 'survey', { question: 'Rate us', variable: 'csat' }], endAt('a'), endAt('n')], [['x', 'answered', 'a'], ['x', 'no_answer', 'n']]);
    expect(step.commands[0]).toMatchObject({ type: 'ask_survey', question: 'Rate us', scale: 5 });
    const answered = resume(flow, step.state, { type: 'survey_answer', id: 'x#1', score: 5 });
    expect([endedAt(answered), answered.state.vars.csat]).toEqual(['a', 5]);
    expect(endedAt(resume(flow, step.state, { type: 'survey_answer', id: 'x#1', score: 9 }))).toBe('n');
    expect(endedAt(resume(flow, step.state, { type: 'reply_timeout', id: 'x#1' }))).toBe('n');
  });

  it('end: sends its message and ends with the outcome', () => {
    const { step } = run([['x', 'end', { outcome: 'no_action', message: 'Bye' }]], []);
    expect(step.commands).toEqual([{ type: 'send', nodeId: 'x', text: 'Bye' }, { type: 'end', nodeId: 'x', outcome: 'no_action' }]);
    expect(step.status).toBe('ended');
  });

  it('subflow: runs the inlined flow, then done', () => {
    const sub = buildFlow([['s', 'start'], ['hi', 'send', { text: 'from sub' }], ['e', 'end']], [['s', 'next', 'hi'], ['hi', 'next', 'e']], { id: 'greet' });
    const main = buildFlow([['s', 'start'], ['x', 'subflow', { flowId: 'greet' }], ['after', 'send', { text: 'back' }], ['e', 'end']], [['s', 'next', 'x'], ['x', 'done', 'after'], ['after', 'next', 'e']]);
    const flow = compileFlowOrThrow(main, { subflows: { greet: sub } });
    const step = start(flow, { now: NOW });
    expect(step.commands.map((c) => (c.type === 'send' ? `${c.nodeId}:${c.text}` : c.type))).toEqual(['x/hi:from sub', 'after:back', 'end']);
  });

  it('classify: asks the workflow when the message has no signals', () => {
    const { flow, step } = run([['x', 'classify', {}], endAt('e')], [['x', 'next', 'e']]);
    expect(step.commands).toEqual([{ type: 'classify', id: 'x#1', nodeId: 'x', text: 'hi' }]);
    const done = resume(flow, step.state, { type: 'classified', id: 'x#1', signals: signals({ intents: [{ label: 'a', confidence: 0.3 }] }) });
    expect(done.state.signals).toMatchObject({ intent: 'none', outOfScope: true, confidence: 0.3, complexity: 0 });
  });
});

describe("classify: the node's detect switches", () => {
  const flow = (detect: Record<string, boolean>) =>
    compileFlowOrThrow(buildFlow([['s', 'start'], ['c', 'classify', { detect }], ['e', 'end']], [['s', 'next', 'c'], ['c', 'next', 'e']]));
  const read = signals({
    intents: [{ label: 'cancellation', confidence: 0.9 }],
    sentiment: -0.7,
    entities: { orderNumbers: ['ORD-1'], emails: ['a@b.co'] },
    language: 'es',
    complexity: 2,
  });
  const off = { intent: false, outOfScope: false, sentiment: false, entities: false, language: false, complexity: false };
  const begin = (detect: Record<string, boolean>, honourDetect?: boolean) =>
    start(flow(detect), { now: NOW, message: { text: 'hola', signals: read } }, honourDetect === undefined ? {} : { honourDetect }).state.signals;

  it('turns off each signal it names in runs begun with them honoured', () => {
    expect(begin(off, true)).toMatchObject({
      intent: 'none',
      confidence: 0,
      intents: [],
      outOfScope: false,
      sentiment: 0,
      sentimentShift: 0,
      entities: { orderNumbers: [], emails: [] },
      language: 'und',
      complexity: 0,
    });
    expect(begin({ sentiment: false }, true)).toMatchObject({ intent: 'cancellation', sentiment: 0, language: 'es', complexity: 2 });
    expect(begin({ outOfScope: false }, true)).toMatchObject({ intent: 'cancellation', outOfScope: false });
  });

  it('does not let an out-of-scope verdict it does not detect outweigh the intent', () => {
    const verdict = { ...read, outOfScope: true };
    const state = (detect: Record<string, boolean>) => start(flow(detect), { now: NOW, message: { text: 'x', signals: verdict } }, { honourDetect: true }).state.signals;
    expect(state({})).toMatchObject({ intent: 'none', outOfScope: true });
    expect(state({ outOfScope: false })).toMatchObject({ intent: 'cancellation', outOfScope: false });
  });

  it('reads every signal in runs begun before the switches applied, through later resumes too', () => {
    expect(begin(off)).toMatchObject({ intent: 'cancellation', sentiment: -0.7, entities: { orderNumbers: ['ORD-1'] }, language: 'es', complexity: 2 });
    expect(start(flow(off), { now: NOW }, { honourDetect: true }).state.honourDetect).toBe(true);
    expect(start(flow(off), { now: NOW }).state).not.toHaveProperty('honourDetect');
  });
});

describe('loop budget', () => {
  it('stops a flow that runs too many steps in one turn', () => {
    // Loops without a wait fail validation, so build a long straight chain instead.
    const nodes: [string, string, Record<string, unknown>][] = Array.from({ length: 30 }, (_, i) => [`t${i}`, 'tag', { add: [`t${i}`] }]);
    const edges: [string, string, string][] = nodes.map(([id], i) => [id, 'next', i < 29 ? `t${i + 1}` : 'e']);
    const flow = compileFlowOrThrow(buildFlow([['s', 'start'], ...nodes, ['e', 'end']], [['s', 'next', 't0'], ...edges]));
    const step = start(flow, { now: NOW }, { maxSteps: 10 });
    expect(step.status).toBe('ended');
    expect(step.commands.at(-1)).toMatchObject({ type: 'end', outcome: 'failed' });
    expect(step.decisions.at(-1)).toMatchObject({ rule: 'step-budget-exceeded', values: { maxSteps: 10 } });
    expect(start(flow, { now: NOW }).state.ended).toMatchObject({ outcome: 'resolved' });
  });
});

describe('classify: signals over the conversation', () => {
  /** Classifies every customer message; a sharp drop in mood or a Spanish message goes to a person. */
  const moodFlow = (classify: Record<string, unknown> = {}) =>
    compileFlowOrThrow(
      buildFlow(
        [
          ['s', 'start'],
          ['c', 'classify', classify],
          [
            'route',
            'switch',
            {
              cases: [
                { port: 'worse', label: 'Mood dropped', when: 'signals.sentimentShift <= -0.5' },
                { port: 'es', label: 'Spanish', when: 'signals.language == "es"' },
              ],
            },
          ],
          ['reply', 'wait_for_reply', { timeoutSeconds: 600 }],
          ['people', 'escalate', { queue: 'support', reason: 'Mood dropped by {{ signals.sentimentShift }}' }],
          ['spanish', 'escalate', { queue: 'es' }],
          ['e', 'end', { outcome: 'resolved' }],
        ],
        [
          ['s', 'next', 'c'],
          ['c', 'next', 'route'],
          ['route', 'worse', 'people'],
          ['route', 'es', 'spanish'],
          ['route', 'default', 'reply'],
          ['reply', 'replied', 'c'],
          ['reply', 'timeout', 'e'],
          ['people', 'resolved', 'e'],
          ['people', 'abandoned', 'e'],
          ['spanish', 'resolved', 'e'],
          ['spanish', 'abandoned', 'e'],
        ],
      ),
    );
  const say = (flow: ReturnType<typeof moodFlow>, step: Step, partial: Record<string, unknown>) =>
    resume(flow, step.state, { type: 'message', text: 'x', signals: signals(partial) });
  const shifts = (flow: ReturnType<typeof moodFlow>, moods: number[]) => {
    let step = start(flow, { now: NOW, message: { text: 'x', signals: signals({ sentiment: moods[0] }) } });
    const seen = [step.state.signals!.sentimentShift];
    for (const sentiment of moods.slice(1)) {
      step = say(flow, step, { sentiment });
      seen.push(step.state.signals!.sentimentShift);
    }
    return { step, seen };
  };

  it('starts with no shift, then measures each message against the one before', () => {
    const { seen } = shifts(moodFlow(), [0.4, 0.4, 0, 0.3]);
    expect(seen.map((shift) => Number(shift.toFixed(2)))).toEqual([0, 0, -0.4, 0.3]);
  });

  it('escalates when a neutral customer turns negative, and records the shift it saw', () => {
    const { step } = shifts(moodFlow(), [0, -0.6]);
    expect(step.commands).toEqual([expect.objectContaining({ type: 'escalate', queue: 'support', reason: 'Mood dropped by -0.6' })]);
    expect(step.decisions.find((d) => d.nodeId === 'route')).toMatchObject({ port: 'worse', rule: 'Mood dropped', values: { 'signals.sentimentShift': -0.6 } });
    expect(step.decisions.find((d) => d.nodeId === 'c')?.values).toMatchObject({ sentiment: -0.6, sentimentShift: -0.6 });
  });

  it('does not take a customer who stays negative, or who cheers up, for a drop', () => {
    expect(shifts(moodFlow(), [-0.7, -0.7]).step.commands.map((c) => c.type)).toEqual(['wait_for_reply']);
    expect(shifts(moodFlow(), [-0.7, 0.2]).step.state.signals?.sentimentShift).toBeCloseTo(0.9);
  });

  it('is a step from message to message: a slow slide does not fire a rule on the shift alone', () => {
    const { step, seen } = shifts(moodFlow(), [0, -0.3, -0.6]);
    expect(seen.map((shift) => Number(shift.toFixed(2)))).toEqual([0, -0.3, -0.3]);
    expect(step.commands.map((c) => c.type)).toEqual(['wait_for_reply']);
  });

  it('measures signals the workflow classifies later the same way', () => {
    const flow = moodFlow();
    const first = start(flow, { now: NOW, message: { text: 'x', signals: signals({ sentiment: 0.1 }) } });
    const asked = resume(flow, first.state, { type: 'message', text: 'this is useless' });
    expect(asked.commands).toEqual([{ type: 'classify', id: 'c#2', nodeId: 'c', text: 'this is useless' }]);
    const classified = resume(flow, asked.state, { type: 'classified', id: 'c#2', signals: signals({ sentiment: -0.5 }) });
    expect(classified.state.signals?.sentimentShift).toBeCloseTo(-0.6);
    expect(classified.commands.map((c) => c.type)).toEqual(['escalate']);
  });

  it('keeps the previous mood through a JSON round trip of the state (continue-as-new)', () => {
    const flow = moodFlow();
    const first = start(flow, { now: NOW, message: { text: 'x', signals: signals({ sentiment: 0.2 }) } });
    const carried = JSON.parse(JSON.stringify(first.state));
    expect(resume(flow, carried, { type: 'message', text: 'x', signals: signals({ sentiment: -0.4 }) }).state.signals?.sentimentShift).toBeCloseTo(-0.6);
  });

  it('exposes the language triage read to expressions, and records it with the decision', () => {
    const flow = moodFlow();
    const spanish = start(flow, { now: NOW, message: { text: 'x', signals: signals({ language: 'es' }) } });
    expect(spanish.commands).toEqual([expect.objectContaining({ type: 'escalate', queue: 'es' })]);
    expect(spanish.decisions.find((d) => d.nodeId === 'route')?.values).toMatchObject({ 'signals.language': 'es' });
    expect(spanish.decisions.find((d) => d.nodeId === 'c')?.values).toMatchObject({ language: 'es' });
    const english = start(flow, { now: NOW, message: { text: 'x', signals: signals({ language: 'en' }) } });
    expect(english.state.signals?.language).toBe('en');
    expect(english.commands.map((c) => c.type)).toEqual(['wait_for_reply']);
  });

  it('reads the language as und when triage gave none, or when the node does not detect it', () => {
    expect(start(moodFlow(), { now: NOW, message: { text: 'x', signals: signals() } }).state.signals?.language).toBe('und');
    const off = start(moodFlow({ detect: { language: false } }), { now: NOW, message: { text: 'x', signals: signals({ language: 'es' }) } }, { honourDetect: true });
    expect(off.state.signals?.language).toBe('und');
    expect(off.commands.map((c) => c.type)).toEqual(['wait_for_reply']);
  });
});

describe('classify: a node that names its intent model', () => {
  const flowWith = (model?: Record<string, unknown>) =>
    compileFlowOrThrow(
      buildFlow(
        [
          ['s', 'start'],
          ['c', 'classify', model ? { model } : {}],
          ['e', 'end', { outcome: 'resolved' }],
        ],
        [
          ['s', 'next', 'c'],
          ['c', 'next', 'e'],
        ],
      ),
    );
  const byDefault = signals({ intents: [{ label: 'order_status', confidence: 0.9 }], model: { name: 'conversation-default', version: 3 } });

  it('uses the signals read on arrival when it names no model', () => {
    const step = start(flowWith(), { now: NOW, message: { text: 'where is it', signals: byDefault } });
    expect(step.commands.map((c) => c.type)).toEqual(['end']);
    expect(step.decisions[0]!.values).toMatchObject({ intent: 'order_status', model: { name: 'conversation-default', version: 3 } });
  });

  it('asks for the message to be classified with its model when another model read it', () => {
    const flow = flowWith({ name: 'retention' });
    const step = start(flow, { now: NOW, message: { text: 'I am leaving', signals: byDefault } });
    expect(step.commands).toEqual([{ type: 'classify', id: 'c#1', nodeId: 'c', text: 'I am leaving', model: { name: 'retention' } }]);
    const done = resume(flow, step.state, {
      type: 'classified',
      id: 'c#1',
      signals: signals({ intents: [{ label: 'cancellation', confidence: 0.8 }], model: { name: 'retention', version: 2 } }),
    });
    expect(done.state.signals?.intent).toBe('cancellation');
    expect(done.decisions[0]!.values).toMatchObject({ intent: 'cancellation', model: { name: 'retention', version: 2 } });
  });

  it('asks too when keyword rules read the message (no model was loaded on arrival)', () => {
    const step = start(flowWith({ name: 'conversation-default' }), { now: NOW, message: { text: 'hi', signals: signals() } });
    expect(step.commands).toEqual([expect.objectContaining({ type: 'classify', model: { name: 'conversation-default' } })]);
  });

  it('uses the signals read on arrival when its model read them, at its pinned version if it pins one', () => {
    expect(start(flowWith({ name: 'conversation-default' }), { now: NOW, message: { text: 'x', signals: byDefault } }).commands.map((c) => c.type)).toEqual(['end']);
    expect(start(flowWith({ name: 'conversation-default', version: 3 }), { now: NOW, message: { text: 'x', signals: byDefault } }).commands.map((c) => c.type)).toEqual(['end']);
    const pinned = start(flowWith({ name: 'conversation-default', version: 2 }), { now: NOW, message: { text: 'x', signals: byDefault } });
    expect(pinned.commands).toEqual([expect.objectContaining({ type: 'classify', model: { name: 'conversation-default', version: 2 } })]);
  });
});
