import type { Signals } from '@baton/contracts';
import type { ConversationPolicy, PolicyDecision, PolicyInput } from './conversation-policy';

/** Risks that always need a person: emotionally sensitive or regulated. */
const SENSITIVE_RISKS = ['distress', 'financial_hardship', 'medical', 'legal'];
/** Intents the AI can act on; two of them in one message is too complex for it. */
const ACTIONABLE_INTENTS = ['order_status', 'password_reset', 'cancellation', 'complaint'];
export const INTENT_FLOOR = 0.5;
export const NEGATIVE_SENTIMENT = -0.6;

const confident = (signals: Signals, label: string) =>
  signals.intents.some((intent) => intent.label === label && intent.confidence >= INTENT_FLOOR);

const topIntent = (signals: Signals) => signals.intents[0] ?? { label: 'none', confidence: 0 };

export const GREETING_REPLY =
  'Hi! I can check the status of an order or send you a password reset link. How can I help?';
export const CLARIFY_REPLY =
  "Sorry, I didn't quite get that. I can check an order's status or reset your password; could you tell me a bit more?";
export const ASK_ORDER_NUMBER = 'Sure, I can check that. What is your order number? It looks like ORD-10042.';
export const REASK_ORDER_NUMBER = "I couldn't find an order number in that. It looks like ORD-10042; could you send it again?";

/**
 * The foundation's routing: keyword and intent rules for order status, password reset,
 * cancellation and complaints, with people taking sensitive, unhappy and unclear conversations.
 */
export const builtInPolicy: ConversationPolicy = {
  decide({ signals, state, maxAiFailures }: PolicyInput): PolicyDecision {
    const top = topIntent(signals);
    const orderNumber = signals.entities.orderNumbers[0];
    const risks = signals.risks.filter((risk) => SENSITIVE_RISKS.includes(risk));

    if (risks.length > 0) {
      return {
        rule: 'sensitive-topic',
        values: { risks },
        action: { kind: 'escalate', queue: 'care', priority: 'urgent', reason: `Sensitive topic: ${risks.join(', ')}` },
      };
    }
    if (confident(signals, 'cancellation')) {
      return {
        rule: 'cancellation',
        values: { intent: 'cancellation', confidence: top.confidence },
        action: { kind: 'escalate', queue: 'retention', priority: 'high', reason: 'Customer wants to cancel' },
      };
    }
    if (confident(signals, 'human_request')) {
      return {
        rule: 'asked-for-human',
        values: { intent: 'human_request' },
        action: { kind: 'escalate', queue: 'support', priority: 'normal', reason: 'Customer asked for a person' },
      };
    }
    if (confident(signals, 'complaint') || signals.sentiment <= NEGATIVE_SENTIMENT) {
      return {
        rule: 'strong-dissatisfaction',
        values: { sentiment: signals.sentiment, complaint: confident(signals, 'complaint') },
        action: { kind: 'escalate', queue: 'support', priority: 'high', reason: 'Customer is strongly dissatisfied' },
      };
    }
    const actionable = signals.intents.filter(
      (intent) => ACTIONABLE_INTENTS.includes(intent.label) && intent.confidence >= INTENT_FLOOR,
    );
    if (actionable.length > 1) {
      return {
        rule: 'several-intents',
        values: { intents: actionable.map((intent) => intent.label) },
        action: { kind: 'escalate', queue: 'support', priority: 'normal', reason: 'Several requests in one message' },
      };
    }
    if (state.awaiting === 'orderNumber' || confident(signals, 'order_status')) {
      if (orderNumber) {
        return { rule: 'order-status', values: { orderNumber }, action: { kind: 'lookup_order', orderNumber } };
      }
      const reasking = state.awaiting === 'orderNumber';
      if (!reasking || state.aiFailures + 1 < maxAiFailures) {
        return {
          rule: reasking ? 'order-number-missing' : 'order-status-needs-number',
          values: { aiFailures: state.aiFailures },
          action: { kind: 'ask', awaiting: 'orderNumber', text: reasking ? REASK_ORDER_NUMBER : ASK_ORDER_NUMBER, failed: reasking },
        };
      }
    } else if (confident(signals, 'password_reset')) {
      return { rule: 'password-reset', values: { intent: 'password_reset' }, action: { kind: 'password_reset' } };
    } else if (confident(signals, 'thanks')) {
      return { rule: 'customer-done', values: { intent: 'thanks' }, action: { kind: 'finish' } };
    } else if (confident(signals, 'greeting')) {
      return { rule: 'greeting', values: { intent: 'greeting' }, action: { kind: 'reply', text: GREETING_REPLY, failed: false } };
    }
    if (state.aiFailures + 1 >= maxAiFailures) {
      return {
        rule: 'repeated-ai-failure',
        values: { aiFailures: state.aiFailures + 1, maxAiFailures, intent: top.label, confidence: top.confidence },
        action: { kind: 'escalate', queue: 'support', priority: 'normal', reason: 'AI could not help after several tries' },
      };
    }
    return {
      rule: 'not-understood',
      values: { intent: top.label, confidence: top.confidence },
      action: { kind: 'reply', text: CLARIFY_REPLY, failed: true },
    };
  },
};
