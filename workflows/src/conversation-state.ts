import type {
  ConversationStage,
  DecisionRecord,
  Disposition,
  MessageRole,
  Signals,
  TaskPriority,
  TaskStatus,
} from '@baton/contracts';

export interface TranscriptLine {
  role: MessageRole;
  text: string;
}

export interface TaskState {
  id: string;
  queue: string;
  priority: TaskPriority;
  status: TaskStatus;
  reason: string;
  claimedBy: string | null;
  disposition: Disposition | null;
  notes: string | null;
  createdAt: string;
}

/** Everything a conversation carries across continue-as-new. Plain data only. */
export interface ConversationState {
  conversationId: string;
  stage: ConversationStage;
  createdAt: string;
  /** Next number in the conversation's event stream (messages, task and stage changes). */
  eventSeq: number;
  messageCount: number;
  intent: string | null;
  /** Values collected from the customer (order number and the like). */
  collected: Record<string, string>;
  /** What the AI is waiting for in the customer's next message, if anything. */
  awaiting: 'orderNumber' | 'csat' | null;
  aiFailures: number;
  aiAnswered: boolean;
  escalated: boolean;
  csatAsked: number;
  lastSignals: Signals | null;
  /** Most recent lines, for the handoff context; bounded. */
  transcript: TranscriptLine[];
  decisions: DecisionRecord[];
  /** Idempotency keys already accepted, most recent last; bounded (the API also checks the read model). */
  seenKeys: { key: string; messageId: string }[];
  task: TaskState | null;
}

export const TRANSCRIPT_LIMIT = 30;
export const DECISION_LIMIT = 50;
export const SEEN_KEYS_LIMIT = 500;

export function initialState(conversationId: string, createdAt: string): ConversationState {
  return {
    conversationId,
    stage: 'triage',
    createdAt,
    eventSeq: 0,
    messageCount: 0,
    intent: null,
    collected: {},
    awaiting: null,
    aiFailures: 0,
    aiAnswered: false,
    escalated: false,
    csatAsked: 0,
    lastSignals: null,
    transcript: [],
    decisions: [],
    seenKeys: [],
    task: null,
  };
}

/** Appends to a bounded list, dropping the oldest entries. */
export function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}
