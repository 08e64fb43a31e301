import type { Channel } from './inbound-message.schema';
import type { Disposition, TaskPriority, TaskStatus } from './tasks.schema';

export type ConversationStage = 'triage' | 'ai_handling' | 'escalated' | 'human' | 'feedback' | 'closed';
export type MessageRole = 'customer' | 'ai' | 'agent' | 'system';
export type Resolution = 'ai_resolved' | 'human_resolved' | 'abandoned';

/** What triage saw in a customer message. */
export interface Signals {
  intents: { label: string; confidence: number }[];
  /** The trained model found no intent it knows well enough: the message is out of scope. */
  outOfScope?: boolean;
  /** How many separate requests the message makes (strongly matched intents). */
  complexity?: number;
  sentiment: number;
  risks: string[];
  entities: { orderNumbers: string[]; emails: string[] };
  /** The message's language: an ISO 639-1 code, or `und` when it is too short or unclear to tell. */
  language?: string;
  /**
   * The trained model (name and version) that read the intents, and the sentence encoder that
   * refined them when the model was unsure; absent when keyword rules did.
   */
  model?: { name: string; version: number; refinedBy?: string };
}

/** One routing decision and why it was taken: the rule that fired and the values it saw. */
/** One routing decision: the rule that fired, what it did and the values it saw. */
export interface DecisionRecord {
  at: string;
  stage: ConversationStage;
  rule: string;
  /** The output port taken (flow nodes) or what was done (claim, resolve). */
  action: string;
  values: Record<string, unknown>;
  /** The flow node that decided, when a flow node did. */
  nodeId?: string;
}

export interface MessageView {
  id: string;
  seq: number;
  role: MessageRole;
  author: string | null;
  text: string;
  /** Triage's sentiment of a customer message (-1 to 1), in staff views only: the desk draws its trend. */
  sentiment?: number;
  createdAt: string;
}

export interface TaskContext {
  summary: string;
  transcript: { role: MessageRole; text: string }[];
  collected: Record<string, string>;
  signals: Signals | null;
  decisions: DecisionRecord[];
}

export interface TaskView {
  id: string;
  conversationId: string;
  customerId: string | null;
  queue: string;
  priority: TaskPriority;
  requiredSkills: string[];
  status: TaskStatus;
  reason: string;
  context: TaskContext;
  claimedBy: string | null;
  /** Push routing: the agent the task is offered to now, and until when. */
  reservedFor: string | null;
  reservationExpiresAt: string | null;
  /** When each service level runs out (the flow's, or else the queue's). */
  sla: TaskSla;
  claimedAt: string | null;
  firstReplyAt: string | null;
  resolvedAt: string | null;
  disposition: Disposition | null;
  notes: string | null;
  /** What happened to the task, oldest first (offers, claims, transfers, releases). */
  history: TaskHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export interface TaskSla {
  claimDueAt?: string;
  firstReplyDueAt?: string;
  resolveDueAt?: string;
}

export interface TaskHistoryEntry {
  at: string;
  action: 'created' | 'offered' | 'declined' | 'offer_expired' | 'claimed' | 'transferred' | 'released' | 'resolved' | 'cancelled' | 'sla_breached';
  agentId?: string;
  queue?: string;
  note?: string;
}

/** Events on GET /desk/events (server-sent events): every change to a task the caller may see. */
export type DeskEvent = { type: 'task'; task: TaskView };

export interface OutcomeView {
  resolution: Resolution;
  escalated: boolean;
  disposition: Disposition | null;
  csat: number | null;
  closedAt: string;
}

export interface ConversationView {
  id: string;
  channel: Channel;
  conversationKey: string;
  customerId: string;
  stage: ConversationStage;
  intent: string | null;
  /** The published flow version this conversation runs (pinned when it started). */
  flow: { name: string; version: number | null } | null;
  createdAt: string;
  updatedAt: string;
  messages: MessageView[];
  tasks: TaskView[];
  decisions: DecisionRecord[];
  outcome: OutcomeView | null;
}

/** Events on GET /conversations/:id/events (server-sent events; the SSE id is `seq`). */
export type ConversationEvent =
  | { type: 'message'; seq: number; message: MessageView }
  | { type: 'task'; seq: number; task: TaskView }
  | { type: 'stage'; seq: number; stage: ConversationStage };
