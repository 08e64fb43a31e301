/**
 * Every name the API, the worker and the workflows share: task queues, workflow ids,
 * updates (and queries, when there are any). Nothing starts or updates a workflow by a string name.
 */
import { defineUpdate } from '@temporalio/workflow';
import type {
  Channel,
  Disposition,
  InboundMessageAccepted,
  Presence,
  TaskStatus,
} from '@baton/contracts';
import type { Json } from '@baton/flow';
import type { ConversationState } from './conversation-state';
import type { QuietHours } from './quiet-hours';

export const CONVERSATION_TASK_QUEUE = 'baton-conversations';
export const ECHO_TASK_QUEUE = 'baton-echo';
/** Campaign runs and their activities: a queue of their own, so that the conversations a run starts cannot starve it. */
export const CAMPAIGN_TASK_QUEUE = 'baton-campaigns';

/** Temporal Schedule ids of campaigns; each run's workflow id starts with it. */
export const campaignScheduleId = (name: string): string => `campaign/${name}`;

/** One workflow id per conversation thread: a channel and the key the channel gives it. */
export function conversationWorkflowId(channel: Channel, conversationKey: string): string {
  return `conversation/${channel}/${conversationKey}`;
}

/** Chosen by whoever starts the conversation (the API's configuration and the message or event). */
export interface ConversationSettings {
  /** The published flow to pin when the conversation starts (an outreach flow for an opening). */
  flowName: string;
  /** Continue-as-new once the history has this many events (Temporal also suggests it on its own). */
  maxHistoryEvents: number;
  /** Push queues: how long to wait before looking again when no agent is free (default 5). */
  offerRetrySeconds?: number;
}

/** An outreach: the business speaks first, as an outreach flow says, about an event. */
export interface OutreachOpening {
  outreachId: string;
  eventType: string;
  payload: Record<string, Json>;
  /** The customer's time zone, for quiet hours. */
  timeZone: string;
  quietHours: QuietHours;
}

export interface ConversationInput {
  channel: Channel;
  conversationKey: string;
  customerId: string;
  /** Runs settings.flowName (an outreach flow) from this event instead of waiting for the customer. */
  opening?: OutreachOpening;
  settings: ConversationSettings;
  /** State handed over by continue-as-new; absent on a conversation's first run. */
  carried?: ConversationState;
}

export interface ReceiveMessageInput {
  customerId: string;
  text: string;
  idempotencyKey: string;
}

/**
 * What the API read about the claiming agent just before the claim: the validator checks it
 * against the task (skills, queue, presence, free capacity). Capacity is then held atomically in
 * PostgreSQL by the handler, so two claims on different conversations cannot overfill an agent.
 */
export interface AgentSnapshot {
  skills: string[];
  /** Queues served; empty serves every queue. */
  queues: string[];
  presence: Presence;
  capacity: number;
  /** Tasks held now (claimed and offered), not counting this one. */
  load: number;
}

export interface ClaimTaskInput {
  taskId: string;
  agentId: string;
  /** Absent in claims recorded before routing existed. */
  agent?: AgentSnapshot;
}

export interface DeclineTaskInput {
  taskId: string;
  agentId: string;
}

/** To another queue, or offered to one agent; by the agent who holds the task or a supervisor. */
export interface TransferTaskInput {
  taskId: string;
  by: string;
  to: { queue: string } | { agentId: string };
  note: string;
  /** A supervisor (checked by the API) may move a task nobody or somebody else holds. */
  supervisor: boolean;
}

export interface ReleaseTaskInput {
  taskId: string;
  by: string;
  note?: string;
  supervisor: boolean;
}

export interface ClaimTaskResult {
  taskId: string;
  status: TaskStatus;
  claimedBy: string;
}

export interface AgentReplyInput {
  taskId: string;
  agentId: string;
  text: string;
}

export interface ResolveTaskInput {
  taskId: string;
  agentId: string;
  disposition: Disposition;
  notes?: string;
}

/** How to start a conversation in which the business speaks first (an outreach), wherever it is started from. */
export function outreachStartOptions(
  thread: { channel: Channel; conversationKey: string; customerId: string },
  flowName: string,
  opening: OutreachOpening,
  maxHistoryEvents: number,
) {
  return {
    workflowId: conversationWorkflowId(thread.channel, thread.conversationKey),
    taskQueue: CONVERSATION_TASK_QUEUE,
    // A customer already in a conversation on the thread is not interrupted.
    workflowIdConflictPolicy: 'FAIL' as const,
    args: [{ ...thread, opening, settings: { flowName, maxHistoryEvents } }] as [ConversationInput],
  };
}

/** A customer message; validated and acknowledged with its id before it is processed. */
export const receiveMessageUpdate = defineUpdate<InboundMessageAccepted, [ReceiveMessageInput]>('receiveMessage');
/** An agent claims the conversation's open task; exactly one concurrent claimer wins. */
export const claimTaskUpdate = defineUpdate<ClaimTaskResult, [ClaimTaskInput]>('claimTask');
export const agentReplyUpdate = defineUpdate<{ messageId: string }, [AgentReplyInput]>('agentReply');
export const resolveTaskUpdate = defineUpdate<{ taskId: string; status: TaskStatus }, [ResolveTaskInput]>('resolveTask');
/** The agent a push queue offered the task to refuses it; it is offered to the next agent. */
export const declineTaskUpdate = defineUpdate<{ taskId: string; status: TaskStatus }, [DeclineTaskInput]>('declineTask');
export const transferTaskUpdate = defineUpdate<{ taskId: string; status: TaskStatus; queue: string }, [TransferTaskInput]>('transferTask');
export const releaseTaskUpdate = defineUpdate<{ taskId: string; status: TaskStatus }, [ReleaseTaskInput]>('releaseTask');

/** Bench baseline: a bare round trip through an update and one activity. */
export const echoUpdate = defineUpdate<string, [string]>('echo');

/**
 * Failure types that updates reject with (ApplicationFailure.type). The API maps each to an HTTP
 * status and an error code.
 */
export const UpdateRejection = {
  ConversationClosed: 'CONVERSATION_CLOSED',
  TaskNotFound: 'TASK_NOT_FOUND',
  TaskAlreadyClaimed: 'TASK_ALREADY_CLAIMED',
  TaskNotClaimedByAgent: 'TASK_NOT_CLAIMED_BY_AGENT',
  TaskClosed: 'TASK_CLOSED',
  TaskReserved: 'TASK_RESERVED',
  TaskNotOffered: 'TASK_NOT_OFFERED',
  AgentNotEligible: 'AGENT_NOT_ELIGIBLE',
  AgentAtCapacity: 'AGENT_AT_CAPACITY',
} as const;
export type UpdateRejection = (typeof UpdateRejection)[keyof typeof UpdateRejection];
