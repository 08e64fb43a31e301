import type { Channel } from './inbound-message.schema';
import type { Disposition } from './tasks.schema';
import type { ConversationStage, Resolution } from './views';

/** Personal data that PII redaction recognises (libs/nlu's redactPii). */
export type AssistPiiKind = 'card' | 'email' | 'phone' | 'national_id' | 'iban';

/** A customer message a flag or passage refers to, by its place in the transcript. */
export interface AssistMessageRef {
  id: string;
  seq: number;
}

interface FlagBase {
  /** Why, in a sentence the agent can read at a glance. */
  reason: string;
  /** The customer messages that show it. */
  messages: AssistMessageRef[];
}

/** The customer wants to cancel, or is strongly dissatisfied, in their last few messages. */
export interface CancellationRiskFlag extends FlagBase {
  kind: 'cancellation_risk';
  /** Highest confidence of the cancellation intent seen (0 for a cancellation risk label alone); null when none. */
  cancellationConfidence: number | null;
  /** Lowest sentiment among the strongly dissatisfied messages; null when none. */
  lowestSentiment: number | null;
}

/** A topic that needs a licensed professional or careful wording, anywhere in the conversation. */
export interface ComplianceTopicFlag extends FlagBase {
  kind: 'compliance_topic';
  /** Triage's risk labels seen: legal, medical, financial_hardship, regulated. */
  topics: string[];
}

/** Personal data in the customer's messages: what kind and how many of each, never the data itself. */
export interface PiiSharedFlag extends FlagBase {
  kind: 'pii_shared';
  found: Partial<Record<AssistPiiKind, number>>;
}

/** The customer's sentiment (-1..1) worsening over the conversation. */
export interface SentimentDroppingFlag extends FlagBase {
  kind: 'sentiment_dropping';
  /** Sentiment of the customer's first and last messages, and last - first. */
  first: number;
  last: number;
  change: number;
  /** The sentiment of the customer's last three messages, oldest first. */
  recent: number[];
}

/** What the AI points out to the agent handling a conversation. */
export type AssistFlag = CancellationRiskFlag | ComplianceTopicFlag | PiiSharedFlag | SentimentDroppingFlag;
export type AssistFlagKind = AssistFlag['kind'];

export interface AssistPassage {
  knowledgeBase: string;
  articleId: string;
  title: string;
  /** The article's paragraph most relevant to the message, shortened to about 400 characters. */
  text: string;
  /**
   * 0-1: the share of the message's meaningful words the article holds, each weighted by how rare it is
   * in the knowledge base (the coverage term of the knowledge answer's confidence).
   */
  score: number;
}

export interface AssistSuggestion {
  /** A reply to the customer, for the agent to edit before sending. */
  text: string;
  /** The knowledge answer's confidence (0-1), as an ai_reply node computes it. */
  confidence: number;
  source: { knowledgeBase: string; articleId: string; title: string };
}

/** GET /tasks/:id/assist: knowledge, a suggested reply and risk flags, recomputed on every call. */
export interface AssistView {
  taskId: string;
  conversationId: string;
  /** The newest customer message when this was computed; null when the customer has written nothing. */
  lastCustomerMessage: AssistMessageRef | null;
  /**
   * The customer message the passages and the suggestion answer: the newest one, or an earlier one among
   * the last three when the newest asks nothing the knowledge bases cover ("can I talk to a person?").
   */
  answering: AssistMessageRef | null;
  /** The knowledge bases searched: those the conversation's flow answers from, else every one. */
  knowledgeBases: string[];
  passages: AssistPassage[];
  /** null when no article answers the message confidently enough (the flow's ai_reply floor, 0.6 by default). */
  suggestion: AssistSuggestion | null;
  flags: AssistFlag[];
  computedAt: string;
}

/** GET /customers/:customerId/conversations: one of the customer's conversations, for the agent's history panel. */
export interface CustomerConversationSummary {
  id: string;
  channel: Channel;
  stage: ConversationStage;
  intent: string | null;
  createdAt: string;
  updatedAt: string;
  /** How it ended; null while it is still going. */
  outcome: { resolution: Resolution; csat: number | null; disposition: Disposition | null } | null;
  /** The customer's first message, cut to 140 characters; null when the business wrote first and the customer never answered. */
  firstMessage: string | null;
}
