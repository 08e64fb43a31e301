/**
 * The activities the conversation workflow calls, as an interface the worker implements.
 * Records are plain JSON; times are ISO strings taken from workflow time so that a retried
 * or replayed write carries the same values.
 */
import type {
  Channel,
  ConversationStage,
  DecisionRecord,
  Disposition,
  MessageRole,
  Resolution,
  Signals,
  TaskContext,
  TaskPriority,
  TaskStatus,
} from '@baton/contracts';

export interface ConversationRecord {
  id: string;
  workflowId: string;
  channel: Channel;
  conversationKey: string;
  customerId: string;
  stage: ConversationStage;
  intent: string | null;
  decisions: DecisionRecord[];
  eventSeq: number;
  createdAt: string;
  updatedAt: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  author: string | null;
  text: string;
  channel: Channel;
  conversationKey: string;
  idempotencyKey: string | null;
  signals: Signals | null;
  createdAt: string;
}

export interface TaskRecord {
  id: string;
  conversationId: string;
  workflowId: string;
  queue: string;
  priority: TaskPriority;
  status: TaskStatus;
  reason: string;
  context: TaskContext;
  claimedBy: string | null;
  disposition: Disposition | null;
  notes: string | null;
  eventSeq: number;
  createdAt: string;
  updatedAt: string;
}

export interface OutcomeRecord {
  conversationId: string;
  resolution: Resolution;
  escalated: boolean;
  disposition: Disposition | null;
  csat: number | null;
  closedAt: string;
}

export type OrderLookup =
  | { found: true; orderNumber: string; status: string; carrier: string | null; estimatedDelivery: string | null; total: string }
  | { found: false; orderNumber: string };

export interface PasswordResetResult {
  sent: boolean;
  /** The address the link went to, masked for the transcript (j***@example.com). */
  maskedEmail: string | null;
}

export interface ConversationActivities {
  /**
   * Triage and storage of a customer message in one step: reads its signals (intents, sentiment,
   * risks, entities), stores the message with them and returns them.
   */
  recordCustomerMessage(record: Omit<MessageRecord, 'signals'>): Promise<Signals>;
  recordConversation(record: ConversationRecord): Promise<void>;
  /** Stores a message and, when given, the conversation's new state with it, in one transaction. */
  recordMessage(record: MessageRecord, conversation?: ConversationRecord): Promise<void>;
  recordTask(record: TaskRecord): Promise<void>;
  recordOutcome(record: OutcomeRecord): Promise<void>;
  /** Asks the business's order system; throws when it cannot be reached. */
  lookupOrder(input: { customerId: string; orderNumber: string }): Promise<OrderLookup>;
  /** Asks the business's account system to send a reset link. */
  requestPasswordReset(input: { customerId: string }): Promise<PasswordResetResult>;
}

export interface EchoActivities {
  echo(text: string): Promise<string>;
}
