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
  KnowledgeAnswer,
  MessageRole,
  Resolution,
  Signals,
  TaskContext,
  TaskHistoryEntry,
  TaskPriority,
  TaskSla,
  TaskStatus,
} from '@baton/contracts';
import type { IntentModelRef } from '@baton/flow';

export interface ConversationRecord {
  id: string;
  workflowId: string;
  channel: Channel;
  conversationKey: string;
  customerId: string;
  stage: ConversationStage;
  intent: string | null;
  decisions: DecisionRecord[];
  /** The flow version the conversation runs (null until it is pinned). */
  flowName: string | null;
  flowVersion: number | null;
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
  customerId: string;
  workflowId: string;
  queue: string;
  priority: TaskPriority;
  requiredSkills: string[];
  status: TaskStatus;
  reason: string;
  context: TaskContext;
  claimedBy: string | null;
  /** The agent a push queue offers the task to now; held in agent_assignments until it ends. */
  reservedFor: string | null;
  reservationExpiresAt: string | null;
  sla: TaskSla;
  claimedAt: string | null;
  firstReplyAt: string | null;
  resolvedAt: string | null;
  disposition: Disposition | null;
  notes: string | null;
  history: TaskHistoryEntry[];
  eventSeq: number;
  createdAt: string;
  updatedAt: string;
}

/** How a queue takes its tasks, as configured when a task enters it. */
export interface QueueRouting {
  /** An unknown queue is a pull queue with no service levels of its own. */
  known: boolean;
  mode: 'pull' | 'push';
  /** Skills every agent in the queue needs, on top of those the flow asks for. */
  requiredSkills: string[];
  sla: { claimSeconds?: number; firstReplySeconds?: number; resolveSeconds?: number };
  /** How long an agent has to accept an offer before it moves on. */
  reservationSeconds: number;
}

/** Offer a push queue's task to the longest-idle eligible agent other than those who passed. */
export interface OfferRequest {
  taskId: string;
  queue: string;
  requiredSkills: string[];
  exclude: string[];
}

/** A queue's business hours as a business_hours node reads them: open now, and what was read. */
export interface QueueHours {
  open: boolean;
  seen: Record<string, string | boolean>;
}

export type OfferResult = { agentId: string; reservationSeconds: number } | { agentId: null };

export interface OutcomeRecord {
  conversationId: string;
  resolution: Resolution;
  escalated: boolean;
  disposition: Disposition | null;
  csat: number | null;
  closedAt: string;
}

/** A published flow version as a conversation or outreach pins it. */
export interface PinnedFlow {
  name: string;
  version: number;
  contentHash: string;
  /** The flow document as published; the workflow compiles it. */
  content: Record<string, unknown>;
}

/** An HTTP call an action node asks for; header values come from the worker's named secrets. */
export interface ActionRequest {
  method: string;
  /** Absolute, or `<connection>:/path` with a connection the worker knows (e.g. `store:/orders/1`). */
  url: string;
  headers: { name: string; secret: string }[];
  body?: string;
  timeoutSeconds: number;
}

export interface ActionResponse {
  status: number;
  /** The parsed JSON answer, or its text when it is not JSON; null when empty. */
  body: unknown;
}

/** A message to deliver on a channel other than web chat (web chat reads the stored transcript). */
export interface DeliveryRequest {
  messageId: string;
  conversationId: string;
  channel: Channel;
  conversationKey: string;
  customerId: string;
  role: MessageRole;
  text: string;
}

/** Activity failure types the workflows act on. */
export const ActivityFailure = {
  /** No published flow of that name and kind: nothing to pin. */
  FlowNotPublished: 'FlowNotPublished',
  /** The action's URL or secrets are not allowed or unknown: retrying cannot help. */
  ActionRefused: 'ActionRefused',
  /** The business's system answered 5xx; details[0] is the status. */
  ActionServerError: 'ActionServerError',
  /** A message cannot be delivered on its channel (no transport configured, no address, refused): retrying cannot help. */
  DeliveryRefused: 'DeliveryRefused',
} as const;

export interface ConversationActivities {
  /**
   * Triage and storage of a customer message in one step: reads its signals (intents, sentiment,
   * risks, entities), stores the message with them and returns them.
   */
  recordCustomerMessage(record: Omit<MessageRecord, 'signals'>): Promise<Signals>;
  recordConversation(record: ConversationRecord): Promise<void>;
  /** Stores a message and, when given, the conversation's new state with it, in one transaction. */
  recordMessage(record: MessageRecord, conversation?: ConversationRecord): Promise<void>;
  /** Stores the task and keeps the agent's hold on it (agent_assignments) in step with it. */
  recordTask(record: TaskRecord): Promise<void>;
  routingFor(input: { queue: string }): Promise<QueueRouting>;
  queueHours(input: { queue: string }): Promise<QueueHours>;
  /** Picks and reserves an agent atomically (capacity counted in PostgreSQL); none when nobody can take it now. */
  offerTask(request: OfferRequest): Promise<OfferResult>;
  /** Holds a claim against the agent's capacity, atomically across conversations; false when full. */
  holdClaim(input: { taskId: string; agentId: string }): Promise<boolean>;
  recordOutcome(record: OutcomeRecord): Promise<void>;
  /** Sends a message to the customer over the channel's transport (webhook or SMTP), recording the attempt. */
  deliverMessage(request: DeliveryRequest): Promise<void>;
  /** Records that the customer wants no more outreach (kept when already recorded). */
  recordOptOut(input: { customerId: string; reason: string; at: string }): Promise<void>;
  /** The current published version of a flow; fails with FlowNotPublished when there is none. */
  loadFlow(input: { name: string; kind: 'conversation' | 'outreach' }): Promise<PinnedFlow>;
  /**
   * Signals of a text that was not triaged when it arrived, or that a classify node wants read by
   * its own intent model (the current version of `model.name`, or the pinned `model.version`).
   */
  classifyMessage(input: { text: string; model?: IntentModelRef }): Promise<Signals>;
  /**
   * Calls the business's system for an action node. Answers 2xx-4xx as they are (a 404 is an
   * answer the flow may branch on); throws on 5xx (ActionServerError) and unreachable hosts, so
   * Temporal retries them, and ActionRefused for URLs or secrets the worker does not allow.
   */
  callAction(request: ActionRequest): Promise<ActionResponse>;
  /** The best knowledge-base answer to a customer's message. */
  answerFromKnowledge(input: { knowledgeBase: string; text: string; intent?: string }): Promise<KnowledgeAnswer>;
}

/** One member of a campaign's audience, as the business's system lists it. */
export interface AudienceMember {
  customerId: string;
  payload?: Record<string, unknown>;
  timeZone?: string;
  conversationKey?: string;
}

export interface CampaignSettings {
  name: string;
  eventType: string;
  audience: { url: string; headers: { name: string; secret: string }[] };
  payload: Record<string, unknown>;
  channel: Channel;
  ratePerSecond: number | null;
}

/** What one batch of a campaign came to. */
export interface BatchResult {
  started: number;
  skipped: Record<string, number>;
  failed: number;
}

export interface CampaignActivities {
  loadCampaign(input: { name: string }): Promise<CampaignSettings>;
  /** One page of the audience: at most `limit` members and the cursor of the next page (null at the end). */
  fetchAudience(input: { url: string; headers: { name: string; secret: string }[]; cursor: string | null; limit: number }): Promise<{ members: AudienceMember[]; nextCursor: string | null }>;
  /** Admits and starts an outreach for each member (idempotent per run and member). */
  startOutreachBatch(input: { campaign: CampaignSettings; runId: string; members: AudienceMember[] }): Promise<BatchResult>;
  /** Records a run's progress (counts so far) and, when it has one, its end. */
  recordCampaignRun(input: { runId: string; campaign: string; status: 'running' | 'completed' | 'failed'; audience: number; result: BatchResult; startedAt: string; finishedAt: string | null }): Promise<void>;
}

export interface EchoActivities {
  echo(text: string): Promise<string>;
}
