import type { Signals, TaskPriority } from '@baton/contracts';
import type { ConversationState } from '../conversation-state';

/** What the workflow is asked to do with a customer message in AI handling. */
export type PolicyAction =
  | { kind: 'lookup_order'; orderNumber: string }
  | { kind: 'password_reset' }
  | { kind: 'ask'; awaiting: 'orderNumber'; text: string; failed: boolean }
  | { kind: 'reply'; text: string; failed: boolean }
  | { kind: 'finish' }
  | { kind: 'escalate'; queue: string; priority: TaskPriority; reason: string };

/** A routing decision with the rule that fired and the values it saw. */
export interface PolicyDecision {
  rule: string;
  action: PolicyAction;
  values: Record<string, unknown>;
}

export interface PolicyInput {
  text: string;
  signals: Signals;
  state: Readonly<ConversationState>;
  maxAiFailures: number;
}

/**
 * Decides what happens to a customer message while AI handles the conversation. The built-in
 * policy implements it with a few rules; the flow interpreter takes its place.
 */
export interface ConversationPolicy {
  decide(input: PolicyInput): PolicyDecision;
}
