import type { Signals } from '@baton/contracts';
import { initialState } from '../conversation-state';
import { ASK_ORDER_NUMBER, builtInPolicy, CLARIFY_REPLY, GREETING_REPLY, REASK_ORDER_NUMBER } from './built-in-policy';

const signals = (partial: Partial<Signals> = {}): Signals => ({
  intents: [],
  sentiment: 0,
  risks: [],
  entities: { orderNumbers: [], emails: [] },
  ...partial,
});
const intent = (label: string, confidence = 0.9) => ({ label, confidence });
const decide = (input: Partial<Signals>, state: Partial<ReturnType<typeof initialState>> = {}) =>
  builtInPolicy.decide({ text: '', signals: signals(input), state: { ...initialState('c', 't'), ...state }, maxAiFailures: 2 });

describe('builtInPolicy', () => {
  it('looks up an order when the message names one', () => {
    expect(decide({ intents: [intent('order_status')], entities: { orderNumbers: ['ORD-1'], emails: [] } })).toEqual({
      rule: 'order-status',
      values: { orderNumber: 'ORD-1' },
      action: { kind: 'lookup_order', orderNumber: 'ORD-1' },
    });
  });

  it('asks for the order number, then takes it from the next message', () => {
    expect(decide({ intents: [intent('order_status')] }).action).toEqual({ kind: 'ask', awaiting: 'orderNumber', text: ASK_ORDER_NUMBER, failed: false });
    expect(decide({ entities: { orderNumbers: ['ORD-2'], emails: [] } }, { awaiting: 'orderNumber' }).action).toEqual({ kind: 'lookup_order', orderNumber: 'ORD-2' });
  });

  it('re-asks once, then hands over', () => {
    expect(decide({}, { awaiting: 'orderNumber', aiFailures: 0 }).action).toMatchObject({ kind: 'ask', text: REASK_ORDER_NUMBER, failed: true });
    expect(decide({}, { awaiting: 'orderNumber', aiFailures: 1 })).toMatchObject({ rule: 'repeated-ai-failure', action: { kind: 'escalate' } });
  });

  it('resets passwords', () => {
    expect(decide({ intents: [intent('password_reset')] }).action).toEqual({ kind: 'password_reset' });
  });

  it.each([
    [{ risks: ['distress'] }, 'sensitive-topic', 'care', 'urgent'],
    [{ risks: ['legal'], intents: [intent('order_status')] }, 'sensitive-topic', 'care', 'urgent'],
    [{ intents: [intent('cancellation')] }, 'cancellation', 'retention', 'high'],
    [{ intents: [intent('human_request')] }, 'asked-for-human', 'support', 'normal'],
    [{ intents: [intent('complaint')] }, 'strong-dissatisfaction', 'support', 'high'],
    [{ sentiment: -0.6 }, 'strong-dissatisfaction', 'support', 'high'],
    [{ intents: [intent('order_status'), intent('password_reset', 0.8)] }, 'several-intents', 'support', 'normal'],
  ])('escalates %j by rule %s', (input, rule, queue, priority) => {
    expect(decide(input as Partial<Signals>)).toMatchObject({ rule, action: { kind: 'escalate', queue, priority } });
  });

  it('puts sensitive topics ahead of everything else', () => {
    expect(decide({ risks: ['medical'], intents: [intent('cancellation')] }).rule).toBe('sensitive-topic');
  });

  it('ignores intents under the confidence floor', () => {
    expect(decide({ intents: [intent('cancellation', 0.4)] })).toMatchObject({ rule: 'not-understood' });
  });

  it('greets without counting a failure, and clarifies counting one', () => {
    expect(decide({ intents: [intent('greeting')] }).action).toEqual({ kind: 'reply', text: GREETING_REPLY, failed: false });
    expect(decide({}).action).toEqual({ kind: 'reply', text: CLARIFY_REPLY, failed: true });
    expect(decide({}, { aiFailures: 1 })).toMatchObject({ rule: 'repeated-ai-failure', values: { aiFailures: 2, maxAiFailures: 2 } });
  });

  it('moves to feedback when the customer is done', () => {
    expect(decide({ intents: [intent('thanks')] }).action).toEqual({ kind: 'finish' });
  });

  it('does not let a mildly negative order question escalate', () => {
    expect(decide({ sentiment: -0.5, intents: [intent('order_status')], entities: { orderNumbers: ['ORD-3'], emails: [] } }).rule).toBe('order-status');
  });
});
