import type {
  ConversationStage,
  DecisionRecord,
  Disposition,
  MessageRole,
  Signals,
  TaskHistoryEntry,
  TaskPriority,
  TaskSla,
  TaskStatus,
} from '@baton/contracts';
import type { RunState } from '@baton/flow';
import type { PinnedFlow } from './activities';

export interface TranscriptLine {
  role: MessageRole;
  text: string;
}

/** Service-level deadlines of a task (ISO, workflow time); each is removed once checked. */
export interface SlaDeadlines {
  claim?: string;
  first_reply?: string;
  resolve?: string;
}

export interface TaskState {
  id: string;
  /** The flow's wait id for this task: events about the task carry it. */
  waitId: string;
  queue: string;
  priority: TaskPriority;
  requiredSkills: string[];
  status: TaskStatus;
  reason: string;
  claimedBy: string | null;
  firstReplyAt: string | null;
  sla: SlaDeadlines;
  disposition: Disposition | null;
  notes: string | null;
  createdAt: string;
  // Routing: absent on tasks opened before queues had settings (their conversations replay without it).
  /** Pull: agents claim from the list. Push: offered to one agent at a time. */
  mode?: 'pull' | 'push';
  /** The agent the task is offered to now (push, or a transfer to one agent). */
  reservation?: { agentId: string; expiresAt: string } | null;
  reservationSeconds?: number;
  /** The skills the flow asked for; a transfer adds the new queue's own to them. */
  flowSkills?: string[];
  /** Agents who declined or let the offer lapse; offered again only once everyone has passed. */
  passed?: string[];
  /** When to look for a free agent again (push, nobody free). */
  offerAt?: string | null;
  /** The service-level deadlines as set (sla above loses each one once it is checked). */
  due?: TaskSla;
  claimedAt?: string | null;
  resolvedAt?: string | null;
  history?: TaskHistoryEntry[];
}

/** A customer message stored and triaged, waiting until the flow asks for the customer's reply. */
export interface PendingMessage {
  text: string;
  signals: Signals | null;
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
  lastSignals: Signals | null;
  /** The published flow version this conversation runs, pinned when it started. */
  flow: PinnedFlow | null;
  /** The flow interpreter's state. */
  run: RunState | null;
  /** When the flow's current timer, reply wait or survey runs out (ISO, workflow time). */
  deadline: { waitId: string; at: string } | null;
  /** The survey question was asked again after an answer that was not a score. */
  surveyReasked: boolean;
  pending: PendingMessage[];
  /** Most recent lines, for the handoff context; bounded. */
  transcript: TranscriptLine[];
  decisions: DecisionRecord[];
  /** Idempotency keys already accepted, most recent last; bounded (the API also checks the read model). */
  seenKeys: { key: string; messageId: string }[];
  task: TaskState | null;
}

export const TRANSCRIPT_LIMIT = 30;
export const DECISION_LIMIT = 80;
export const SEEN_KEYS_LIMIT = 500;
export const PENDING_LIMIT = 50;
export const TASK_HISTORY_LIMIT = 50;

export function initialState(conversationId: string, createdAt: string): ConversationState {
  return {
    conversationId,
    stage: 'triage',
    createdAt,
    eventSeq: 0,
    messageCount: 0,
    intent: null,
    lastSignals: null,
    flow: null,
    run: null,
    deadline: null,
    surveyReasked: false,
    pending: [],
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
