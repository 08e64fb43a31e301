import type { DecisionRecord, MessageView, TaskContext } from '@baton/contracts';

/** Triage's reading of a customer message as the classify node recorded it. */
const isClassification = (decision: DecisionRecord) => typeof decision.values.sentiment === 'number' && typeof decision.values.intent === 'string';

/**
 * Sentiment across the customer's messages, oldest first (-1 very negative to 1 very positive): one
 * value per message triage read, from the transcript; else from the classify decisions; else the last signals.
 */
export function sentimentTrend(context: Pick<TaskContext, 'decisions' | 'signals'>, messages: readonly MessageView[] = []): number[] {
  const read = messages.filter((message) => message.role === 'customer' && message.sentiment !== undefined).map((message) => message.sentiment!);
  if (read.length > 0) return read;
  const values = context.decisions.filter(isClassification).map((decision) => decision.values.sentiment as number);
  if (values.length > 0) return values;
  return context.signals ? [context.signals.sentiment] : [];
}

/** The intent triage settled on last, with its confidence (0-1). */
export function latestIntent(context: Pick<TaskContext, 'decisions' | 'signals'>): { label: string; confidence: number } | null {
  const top = context.signals?.intents[0];
  if (top) return top;
  const last = context.decisions.filter(isClassification).at(-1);
  return last ? { label: last.values.intent as string, confidence: typeof last.values.confidence === 'number' ? last.values.confidence : 0 } : null;
}

/** Why the task exists: the decisions other than triage's readings (the rules that fired and routed it). */
export const escalationDecisions = (context: Pick<TaskContext, 'decisions'>): DecisionRecord[] => context.decisions.filter((decision) => !isClassification(decision));

/** How a sentiment reads to a person. */
export function sentimentLabel(value: number): string {
  if (value <= -0.5) return 'very negative';
  if (value < -0.1) return 'negative';
  if (value <= 0.1) return 'neutral';
  if (value < 0.5) return 'positive';
  return 'very positive';
}
