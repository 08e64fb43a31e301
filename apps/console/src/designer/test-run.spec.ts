import { compileFlow, type CompiledFlow } from '@baton/flow';
import { buildFlow, signals, smallPolicyFlow } from '@baton/flow/testing';
import { acceptsTyping, deliver, emptyRun, sendMessage, triggerEvent } from './test-run';

const NOW = '2026-03-02T10:00:00.000Z';
const compiled = (flow: unknown = smallPolicyFlow('policy')): CompiledFlow => {
  const result = compileFlow(flow);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
};

describe('a test run of a draft', () => {
  it('walks a sensitive message to a person and records the path, decisions and signals', () => {
    const flow = compiled();
    const run = sendMessage(emptyRun(), flow, 'I am desperate', signals({ risks: ['distress'] }), NOW);

    expect(run.path).toEqual(['start', 'classify', 'route', 'care']);
    expect(run.edges).toEqual(['start:next->classify', 'classify:next->route', 'route:sensitive->care']);
    expect(run.decisions.map((decision) => [decision.nodeId, decision.port])).toEqual([
      ['classify', 'next'],
      ['route', 'sensitive'],
      ['care', null],
    ]);
    expect(run.signals).toEqual([{ text: 'I am desperate', signals: signals({ risks: ['distress'] }) }]);
    expect(run.waitingOn).toMatchObject({ type: 'escalate', queue: 'care' });
    expect(run.transcript.at(-1)!.text).toMatch(/^Handed to a person: queue "care"/);
  });

  it('continues through the events the tester plays and the replies the customer types', () => {
    const flow = compiled();
    let run = sendMessage(emptyRun(), flow, 'What are your opening hours?', signals(), NOW);
    expect(run.path).toEqual(['start', 'classify', 'route', 'answer']);
    expect(run.waitingOn).toMatchObject({ type: 'ai_reply' });
    expect(acceptsTyping(run)).toBe(false);

    const aiCommand = run.waitingOn as { id: string };
    run = deliver(run, flow, { type: 'ai_reply_result', id: aiCommand.id, text: 'We open at nine.', confidence: 0.9 });
    expect(run.path.slice(-2)).toEqual(['answer', 'reply']);
    expect(run.transcript.at(-1)).toEqual({ role: 'bot', text: 'We open at nine.', nodeId: 'answer' });
    expect(acceptsTyping(run)).toBe(true);

    run = sendMessage(run, flow, 'I feel scared', signals({ risks: ['distress'] }), NOW);
    expect(run.path.slice(-5)).toEqual(['answer', 'reply', 'classify', 'route', 'care']);
    expect(run.edges).toContain('reply:replied->classify');

    const task = run.waitingOn as { id: string };
    run = deliver(run, flow, { type: 'task_resolved', id: task.id, disposition: 'resolved' });
    expect(run.status).toBe('ended');
    expect(run.path.at(-1)).toBe('done');
    expect(run.transcript.at(-1)!.text).toBe('Conversation ends: resolved');
  });

  it('starts an outreach flow from its event and continues with the reply of the customer', () => {
    const flow = compiled(
      buildFlow(
        [
          ['start', 'start', { trigger: 'event', eventName: 'shipment.delayed' }],
          ['tell', 'send', { text: 'Order {{ event.orderNumber }} is late. Reply to hear more.' }],
          ['reply', 'wait_for_reply', { timeoutSeconds: 600 }],
          ['done', 'end', { outcome: 'resolved' }],
          ['quiet', 'end', { outcome: 'no_action' }],
        ],
        [
          ['start', 'next', 'tell'],
          ['tell', 'next', 'reply'],
          ['reply', 'replied', 'done'],
          ['reply', 'timeout', 'quiet'],
        ],
        { kind: 'outreach', id: 'delay', name: 'delay' },
      ),
    );
    expect(acceptsTyping(emptyRun(), 'outreach')).toBe(false);

    let run = triggerEvent(flow, { orderNumber: 'ORD-7' }, NOW);
    expect(run.transcript.map((line) => line.text)).toEqual(['Triggered by {"orderNumber":"ORD-7"}', 'Order ORD-7 is late. Reply to hear more.']);
    expect(acceptsTyping(run, 'outreach')).toBe(true);

    run = sendMessage(run, flow, 'Thanks', signals(), NOW);
    expect(run.path).toEqual(['start', 'tell', 'reply', 'done']);
    expect(run.status).toBe('ended');
  });
});
