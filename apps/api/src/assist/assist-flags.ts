import type {
  AssistFlag,
  AssistMessageRef,
  AssistPiiKind,
  CancellationRiskFlag,
  ComplianceTopicFlag,
  PiiSharedFlag,
  SentimentDroppingFlag,
  Signals,
} from '@baton/contracts';
import { redactPii } from '@baton/nlu';

/** A customer message with what triage read in it. */
export interface CustomerMessage {
  id: string;
  seq: number;
  text: string;
  signals: Signals;
}

/**
 * The risk rules, pure so that every threshold is unit-tested. They mirror the shipped policy's
 * handoff rules, so that what made the AI hand over keeps showing while a person handles it.
 */

/** Cancellation and dissatisfaction count while they are recent: the customer's last few messages. */
export const RECENT_MESSAGES = 3;
/** An intent counts from the confidence at which the shipped flow's classify node accepts it. */
export const INTENT_FLOOR = 0.5;
/** Sentiment at or below this is strong dissatisfaction (the shipped flow hands over there too). */
export const STRONG_DISSATISFACTION = -0.6;
/** A fall from the first to the last customer message of at least this much is a dropping sentiment. */
export const SENTIMENT_DROP = 0.3;
/** Topics that need a licensed professional or careful wording: triage's risk labels. */
export const COMPLIANCE_RISKS = ['legal', 'medical', 'financial_hardship', 'regulated'] as const;

const ref = ({ id, seq }: CustomerMessage): AssistMessageRef => ({ id, seq });
const round = (value: number) => Math.round(value * 100) / 100;
const intentConfidence = (signals: Signals, label: string) =>
  signals.intents.filter((intent) => intent.label === label).reduce((best, intent) => Math.max(best, intent.confidence), 0);
const plural = (count: number, one: string, many: string) => (count === 1 ? one : `${count} ${many}`);
const messagesPhrase = (count: number) => (count === 1 ? 'one message' : `${count} messages`);
const listed = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** Wants to cancel (intent or risk), or strongly dissatisfied (a complaint, or very negative), in the last few messages. */
export function cancellationRisk(messages: CustomerMessage[]): CancellationRiskFlag | null {
  const recent = messages.slice(-RECENT_MESSAGES);
  const cancelling = recent.filter((m) => intentConfidence(m.signals, 'cancellation') >= INTENT_FLOOR || m.signals.risks.includes('cancellation'));
  const unhappy = recent.filter((m) => intentConfidence(m.signals, 'complaint') >= INTENT_FLOOR || m.signals.sentiment <= STRONG_DISSATISFACTION);
  if (cancelling.length === 0 && unhappy.length === 0) return null;
  const shown = recent.filter((m) => cancelling.includes(m) || unhappy.includes(m));
  const cancellationConfidence = cancelling.length > 0 ? Math.max(...cancelling.map((m) => intentConfidence(m.signals, 'cancellation'))) : null;
  const lowestSentiment = unhappy.length > 0 ? Math.min(...unhappy.map((m) => m.signals.sentiment)) : null;
  const parts = [
    ...(cancelling.length > 0 ? [`wants to cancel (${messagesPhrase(cancelling.length)} of the last ${recent.length})`] : []),
    ...(unhappy.length > 0 ? [`is strongly dissatisfied (lowest sentiment ${lowestSentiment})`] : []),
  ];
  return {
    kind: 'cancellation_risk',
    reason: `The customer ${parts.join(' and ')}: a retention-critical moment.`,
    messages: shown.map(ref),
    cancellationConfidence,
    lowestSentiment,
  };
}

/** A regulated topic anywhere in the conversation: legal, medical, financial hardship. */
export function complianceTopic(messages: CustomerMessage[]): ComplianceTopicFlag | null {
  const risky = messages.filter((m) => m.signals.risks.some((risk) => (COMPLIANCE_RISKS as readonly string[]).includes(risk)));
  if (risky.length === 0) return null;
  const topics = COMPLIANCE_RISKS.filter((topic) => risky.some((m) => m.signals.risks.includes(topic)));
  return {
    kind: 'compliance_topic',
    reason: `The customer raised ${listed(topics.map((topic) => topic.replace('_', ' ')))} matters: follow the compliance guidance and hand over to licensed staff where required.`,
    messages: risky.map(ref),
    topics,
  };
}

const PII_NAMES: Record<AssistPiiKind, [string, string]> = {
  card: ['a card number', 'card numbers'],
  email: ['an email address', 'email addresses'],
  phone: ['a phone number', 'phone numbers'],
  national_id: ['a national id number', 'national id numbers'],
  iban: ['a bank account number (IBAN)', 'bank account numbers (IBAN)'],
};

/** Personal data in any customer message (found by the same redaction that keeps it out of logs); says what kind, never what. */
export function piiShared(messages: CustomerMessage[]): PiiSharedFlag | null {
  const found: Partial<Record<AssistPiiKind, number>> = {};
  const sharing: CustomerMessage[] = [];
  for (const message of messages) {
    const kinds = Object.entries(redactPii(message.text).found) as [AssistPiiKind, number][];
    if (kinds.length === 0) continue;
    sharing.push(message);
    for (const [kind, count] of kinds) found[kind] = (found[kind] ?? 0) + count;
  }
  if (sharing.length === 0) return null;
  const what = (Object.keys(PII_NAMES) as AssistPiiKind[])
    .filter((kind) => found[kind])
    .map((kind) => plural(found[kind]!, PII_NAMES[kind][0], PII_NAMES[kind][1]));
  return {
    kind: 'pii_shared',
    reason: `The customer shared ${listed(what)} in ${messagesPhrase(sharing.length)}: do not repeat it in replies or notes.`,
    messages: sharing.map(ref),
    found,
  };
}

export interface SentimentTrend {
  first: number;
  last: number;
  /** last - first, rounded to two decimals. */
  change: number;
  /** Falls by SENTIMENT_DROP or more from first to last, or the last two are both negative. */
  dropping: boolean;
}

/** The trend of a series of sentiments (oldest first); null with fewer than two. */
export function sentimentTrend(sentiments: number[]): SentimentTrend | null {
  if (sentiments.length < 2) return null;
  const first = sentiments[0]!;
  const last = sentiments[sentiments.length - 1]!;
  const change = round(last - first);
  const lastTwoNegative = sentiments.slice(-2).every((sentiment) => sentiment < 0);
  return { first, last, change, dropping: -change >= SENTIMENT_DROP || lastTwoNegative };
}

/** The customer's mood worsening over the conversation. */
export function sentimentDropping(messages: CustomerMessage[]): SentimentDroppingFlag | null {
  const trend = sentimentTrend(messages.map((m) => m.signals.sentiment));
  if (!trend?.dropping) return null;
  const recent = messages.slice(-RECENT_MESSAGES);
  const fell = -trend.change >= SENTIMENT_DROP;
  return {
    kind: 'sentiment_dropping',
    reason: fell
      ? `Sentiment fell from ${trend.first} in the customer's first message to ${trend.last} in the last (${trend.change}).`
      : `The customer's last two messages are negative (${messages
          .slice(-2)
          .map((m) => m.signals.sentiment)
          .join(', ')}).`,
    messages: [...new Set([messages[0]!, ...messages.slice(-2)])].map(ref),
    first: trend.first,
    last: trend.last,
    change: trend.change,
    recent: recent.map((m) => m.signals.sentiment),
  };
}

/** Every flag that applies to a conversation's customer messages (oldest first), in a fixed order. */
export function assistFlags(messages: CustomerMessage[]): AssistFlag[] {
  return [cancellationRisk, complianceTopic, piiShared, sentimentDropping].map((rule) => rule(messages)).filter((flag) => flag !== null);
}
