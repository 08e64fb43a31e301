import {
  ActivityFailure as TemporalActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ConversationStage,
  DecisionRecord,
  KnowledgeAnswer,
  MessageRole,
  Resolution,
  TaskContext,
  TaskHistoryEntry,
} from '@baton/contracts';
import {
  accepts,
  compileFlow,
  resume,
  start,
  type Command,
  type CompiledFlow,
  type DecisionRecord as FlowDecision,
  type EndOutcome,
  type FlowEvent,
  type Json,
  type Step,
} from '@baton/flow';
import { ActivityFailure, type ConversationActivities, type PinnedFlow } from './activities';
import {
  DECISION_LIMIT,
  initialState,
  PENDING_LIMIT,
  pushBounded,
  SEEN_KEYS_LIMIT,
  TASK_HISTORY_LIMIT,
  TRANSCRIPT_LIMIT,
  type ConversationState,
  type SlaDeadlines,
  type TaskState,
} from './conversation-state';
import {
  agentReplyUpdate,
  claimTaskUpdate,
  conversationWorkflowId,
  declineTaskUpdate,
  releaseTaskUpdate,
  resolveTaskUpdate,
  receiveMessageUpdate,
  transferTaskUpdate,
  UpdateRejection,
  type AgentSnapshot,
  type ConversationInput,
  type ReceiveMessageInput,
} from './definitions';
import { FALLBACK_FLOW } from './fallback-flow';
import { withoutPii } from './redaction';
import { minutesUntilSendable } from './quiet-hours';

/** The tag an outreach flow sets when the customer opts out; the workflow records the opt-out at once. */
export const OPTED_OUT_TAG = 'opted-out';

/**
 * Writes to the read models: short and idempotent, retried until PostgreSQL answers. Regular
 * activities, not local ones: updates (claims, messages) arrive while they run, and local
 * activities holding a workflow task open under a burst of updates tripped the SDK's update
 * protocol (failed updates in the 20-claimer race).
 */
const store = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
/** Pinning the flow: retried while PostgreSQL is away, but not when nothing is published. */
const flows = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', nonRetryableErrorTypes: [ActivityFailure.FlowNotPublished] },
});
/** Answers for the customer: bounded, so that a slow model turns into an honest fallback. */
const answers = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '300 milliseconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** Outbound delivery on channels other than web chat: patient, since the customer reads later anyway. */
const deliveries = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6, nonRetryableErrorTypes: [ActivityFailure.DeliveryRefused] },
});

/** The survey answer was not a score: asked once more, then taken as no answer. */
export const SURVEY_REASK = (scale: number) => `Please answer with a number from 1 to ${scale}.`;

/** Queues with settings, push offers and agents' capacity: tasks opened before this have none of them. */
export const ROUTING_PATCH = 'queue-routing';

/** Classify nodes' `detect` switches apply to runs begun after this. */
export const DETECT_PATCH = 'classify-detect-switches';

/** Presences in which an agent may take a task. */
const CAN_TAKE = new Set(['available', 'busy']);

/** How long a new conversation waits for its first message before it gives up. */
const FIRST_MESSAGE_TIMEOUT = '1 day';

type InboxMessage = ReceiveMessageInput & { messageId: string };

/**
 * One customer conversation: triage -> AI handling -> escalation -> human resolution -> feedback,
 * as the published conversation flow says. The flow version current when the conversation starts
 * is pinned for its whole life (through continue-as-new), so publishing changes new conversations
 * only. The workflow performs what the flow interpreter asks (send, classify, answer, call the
 * business, open a task, wait) and feeds the outcomes back to it as events.
 */
export async function conversationWorkflow(input: ConversationInput): Promise<{ conversationId: string; resolution: Resolution }> {
  const { channel, conversationKey, customerId, settings } = input;
  const workflowId = conversationWorkflowId(channel, conversationKey);
  const state: ConversationState = input.carried ?? initialState(workflowInfo().firstExecutionRunId, new Date().toISOString());
  const inbox: InboxMessage[] = [];
  let closing = false;
  /** Bumped when an agent changes who may get the task (decline, transfer, release): the loop looks again. */
  let rerouted = 0;
  let resolution: Resolution = 'abandoned';
  let dirty = false;

  const now = () => new Date().toISOString();
  const nextSeq = () => ++state.eventSeq;

  const conversationRecord = () => ({
    id: state.conversationId,
    workflowId,
    channel,
    conversationKey,
    customerId,
    stage: state.stage,
    intent: state.intent,
    decisions: state.decisions,
    flowName: state.flow?.name ?? null,
    flowVersion: state.flow?.version ?? null,
    eventSeq: nextSeq(),
    createdAt: state.createdAt,
    updatedAt: now(),
  });
  const recordConversation = () => {
    dirty = false;
    return store.recordConversation(conversationRecord());
  };

  /** A new message in the transcript, numbered in the conversation's event stream. */
  const messageRecord = (role: MessageRole, text: string, extra: { id?: string; author?: string | null; idempotencyKey?: string | null } = {}) => {
    state.messageCount++;
    pushBounded(state.transcript, { role, text }, TRANSCRIPT_LIMIT);
    return {
      id: extra.id ?? uuid4(),
      conversationId: state.conversationId,
      seq: nextSeq(),
      role,
      author: extra.author ?? null,
      text,
      channel,
      conversationKey,
      idempotencyKey: extra.idempotencyKey ?? null,
      createdAt: now(),
    };
  };

  /**
   * Sends stored messages to the customer on channels other than web chat (which reads the
   * transcript), one after the other so that they arrive in order, without holding up the flow.
   */
  let delivering: Promise<void> = Promise.resolve();
  const deliver = (record: { id: string; role: MessageRole; text: string }) => {
    if (channel === 'web') return;
    const request = { messageId: record.id, conversationId: state.conversationId, channel, conversationKey, customerId, role: record.role, text: record.text };
    delivering = delivering.then(() =>
      deliveries.deliverMessage(request).catch(async (error: unknown) => {
        decide({ rule: 'delivery-failed', action: 'record', values: { messageId: record.id, channel, error: failureMessage(error) } });
        await recordConversation();
      }),
    );
  };

  /** An AI message, stored with the conversation's state so what was decided shows with what was said. */
  const reply = async (text: string) => {
    const record = { ...messageRecord('ai', text, { author: 'baton' }), signals: null };
    dirty = false;
    await store.recordMessage(record, conversationRecord());
    deliver(record);
  };

  const customerRecord = (message: InboxMessage) =>
    messageRecord('customer', message.text, { id: message.messageId, author: message.customerId, idempotencyKey: message.idempotencyKey });

  /** What the flow has learnt so far: its variables that hold a value other than their default. */
  const collected = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(state.run?.vars ?? {})) {
      if (value === null || value === '' || JSON.stringify(value) === JSON.stringify(flow.variables[name] ?? null)) continue;
      out[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return out;
  };

  const recordTask = async () => {
    const task = state.task!;
    const context: TaskContext = {
      summary: summarise(state, customerId, task.reason, collected()),
      transcript: state.transcript,
      collected: collected(),
      signals: state.lastSignals,
      decisions: state.decisions,
    };
    await store.recordTask({
      id: task.id,
      queue: task.queue,
      priority: task.priority,
      requiredSkills: task.requiredSkills,
      status: task.status,
      reason: task.reason,
      claimedBy: task.claimedBy,
      reservedFor: task.reservation?.agentId ?? null,
      reservationExpiresAt: task.reservation?.expiresAt ?? null,
      sla: task.due ?? {},
      claimedAt: task.claimedAt ?? null,
      firstReplyAt: task.firstReplyAt,
      resolvedAt: task.resolvedAt ?? null,
      history: task.history ?? [],
      disposition: task.disposition,
      notes: task.notes,
      createdAt: task.createdAt,
      conversationId: state.conversationId,
      customerId,
      workflowId,
      context,
      eventSeq: nextSeq(),
      updatedAt: now(),
    });
  };

  /** Records a decision; what it saw is kept without personal data (the transcript keeps the raw text). */
  const decide = (decision: Omit<DecisionRecord, 'at' | 'stage'>) => {
    pushBounded(state.decisions, { at: now(), stage: state.stage, ...decision, values: withoutPii(decision.values) }, DECISION_LIMIT);
    dirty = true;
  };

  const reject = (type: UpdateRejection, message: string) => {
    throw ApplicationFailure.create({ type, message, nonRetryable: true });
  };

  const requireTask = (taskId: string) => {
    if (!state.task || state.task.id !== taskId) reject(UpdateRejection.TaskNotFound, `task ${taskId} is not in this conversation`);
    return state.task!;
  };

  const requireClaimedBy = (taskId: string, agentId: string) => {
    const task = requireTask(taskId);
    if (task.status === 'resolved' || task.status === 'cancelled') reject(UpdateRejection.TaskClosed, `task ${taskId} is ${task.status}`);
    if (task.status !== 'claimed' || task.claimedBy !== agentId) {
      reject(UpdateRejection.TaskNotClaimedByAgent, `task ${taskId} is not claimed by ${agentId}`);
    }
    return task;
  };

  /** A person acting on a task they hold; supervisors (checked by the API) may act on any open task. */
  const requireHolder = (taskId: string, by: string, supervisor: boolean) => {
    const task = requireTask(taskId);
    if (task.status === 'resolved' || task.status === 'cancelled') reject(UpdateRejection.TaskClosed, `task ${taskId} is ${task.status}`);
    if (!supervisor && (task.status !== 'claimed' || task.claimedBy !== by)) {
      reject(UpdateRejection.TaskNotClaimedByAgent, `task ${taskId} is not claimed by ${by}`);
    }
    return task;
  };

  const remember = (task: TaskState, entry: Omit<TaskHistoryEntry, 'at'>) => {
    if (task.history) pushBounded(task.history, { at: now(), ...entry }, TASK_HISTORY_LIMIT);
  };

  /** Why an agent may not take this task now, if they may not. */
  const ineligibility = (task: TaskState, agent: AgentSnapshot): string | null => {
    const missing = task.requiredSkills.filter((skill) => !agent.skills.includes(skill));
    if (missing.length > 0) return `the task needs the skills ${missing.join(', ')}`;
    if (agent.queues.length > 0 && !agent.queues.includes(task.queue)) return `the agent does not serve the ${task.queue} queue`;
    if (!CAN_TAKE.has(agent.presence)) return `the agent is ${agent.presence}`;
    return null;
  };

  /** Back to the queue: nobody holds the task; a push queue offers it again at once. */
  const requeue = (task: TaskState, passedBy: string | null) => {
    task.status = 'open';
    task.claimedBy = null;
    task.reservation = null;
    task.passed = passedBy ? [passedBy] : [];
    task.offerAt = task.mode === 'push' ? now() : null;
    state.stage = 'escalated';
  };

  // The conversation is in the read model before its first message is acknowledged, so the id the
  // API answers with can be read at once.
  const conversationRecorded = input.carried ? Promise.resolve() : recordConversation();

  setHandler(
    receiveMessageUpdate,
    async ({ customerId: sender, text, idempotencyKey }) => {
      const seen = state.seenKeys.find((entry) => entry.key === idempotencyKey);
      const messageId = seen?.messageId ?? uuid4();
      if (!seen) {
        pushBounded(state.seenKeys, { key: idempotencyKey, messageId }, SEEN_KEYS_LIMIT);
        inbox.push({ customerId: sender, text, idempotencyKey, messageId });
      }
      await conversationRecorded;
      return { conversationId: state.conversationId, messageId, duplicate: Boolean(seen) };
    },
    {
      validator: (_message) => {
        if (closing) reject(UpdateRejection.ConversationClosed, 'this conversation has closed; send again to start a new one');
      },
    },
  );

  setHandler(
    claimTaskUpdate,
    async ({ taskId, agentId, agent }) => {
      const task = requireTask(taskId);
      // Re-checked here as well as in the validator: the first claim to run wins.
      if (task.status !== 'open') reject(UpdateRejection.TaskAlreadyClaimed, `task ${taskId} is already ${task.status}`);
      task.status = 'claimed';
      task.claimedBy = agentId;
      if (agent) {
        // Capacity is shared by all of the agent's conversations: held in PostgreSQL, atomically.
        if (!(await store.holdClaim({ taskId, agentId }))) {
          task.status = 'open';
          task.claimedBy = null;
          reject(UpdateRejection.AgentAtCapacity, `agent ${agentId} already holds ${agent.capacity} tasks`);
        }
        task.reservation = null;
        task.offerAt = null;
        task.claimedAt = now();
        remember(task, { action: 'claimed', agentId });
      }
      decide({ rule: 'agent-claimed', action: 'claim', values: { taskId, agentId } });
      state.stage = 'human';
      await recordTask();
      await recordConversation();
      return { taskId, status: task.status, claimedBy: agentId };
    },
    {
      validator: ({ taskId, agentId, agent }) => {
        const task = requireTask(taskId);
        if (task.status === 'claimed') reject(UpdateRejection.TaskAlreadyClaimed, `task ${taskId} is already claimed by ${task.claimedBy}`);
        if (task.status !== 'open') reject(UpdateRejection.TaskClosed, `task ${taskId} is ${task.status}`);
        if (task.reservation && task.reservation.agentId !== agentId) reject(UpdateRejection.TaskReserved, `task ${taskId} is offered to another agent`);
        if (!agent) return;
        const why = ineligibility(task, agent);
        if (why) reject(UpdateRejection.AgentNotEligible, `agent ${agentId} may not take task ${taskId}: ${why}`);
        if (agent.load >= agent.capacity) reject(UpdateRejection.AgentAtCapacity, `agent ${agentId} already holds ${agent.load} of ${agent.capacity} tasks`);
      },
    },
  );

  setHandler(
    agentReplyUpdate,
    async ({ taskId, agentId, text }) => {
      const task = requireClaimedBy(taskId, agentId);
      const first = task.firstReplyAt === null;
      task.firstReplyAt ??= now();
      const record = { ...messageRecord('agent', text, { author: agentId }), signals: null };
      await store.recordMessage(record);
      if (first && task.history) await recordTask();
      deliver(record);
      return { messageId: record.id };
    },
    { validator: ({ taskId, agentId }) => void requireClaimedBy(taskId, agentId) },
  );

  setHandler(
    resolveTaskUpdate,
    async ({ taskId, agentId, disposition, notes }) => {
      const task = requireClaimedBy(taskId, agentId);
      task.status = 'resolved';
      task.disposition = disposition;
      task.notes = notes ?? null;
      task.resolvedAt = now();
      remember(task, { action: 'resolved', agentId, ...(notes ? { note: notes } : {}) });
      decide({ rule: 'agent-resolved', action: 'resolve', values: { taskId, agentId, disposition } });
      await recordTask();
      return { taskId, status: task.status };
    },
    { validator: ({ taskId, agentId }) => void requireClaimedBy(taskId, agentId) },
  );

  const requireOfferedTo = (taskId: string, agentId: string) => {
    const task = requireTask(taskId);
    if (task.status !== 'open' || task.reservation?.agentId !== agentId) reject(UpdateRejection.TaskNotOffered, `task ${taskId} is not offered to ${agentId}`);
    return task;
  };

  setHandler(
    declineTaskUpdate,
    async ({ taskId, agentId }) => {
      const task = requireOfferedTo(taskId, agentId);
      task.reservation = null;
      task.passed = [...(task.passed ?? []), agentId];
      task.offerAt = task.mode === 'push' ? now() : null;
      remember(task, { action: 'declined', agentId });
      rerouted++;
      await recordTask();
      return { taskId, status: task.status };
    },
    { validator: ({ taskId, agentId }) => void requireOfferedTo(taskId, agentId) },
  );

  setHandler(
    transferTaskUpdate,
    async ({ taskId, by, to, note, supervisor }) => {
      const task = requireHolder(taskId, by, supervisor);
      requeue(task, null);
      if ('queue' in to) {
        const routing = await store.routingFor({ queue: to.queue });
        task.queue = to.queue;
        task.requiredSkills = [...new Set([...(task.flowSkills ?? []), ...routing.requiredSkills])];
        task.mode = routing.mode;
        task.reservationSeconds = routing.reservationSeconds;
        task.offerAt = routing.mode === 'push' ? now() : null;
        remember(task, { action: 'transferred', agentId: by, queue: to.queue, note });
      } else {
        task.reservation = { agentId: to.agentId, expiresAt: new Date(Date.now() + (task.reservationSeconds ?? 30) * 1000).toISOString() };
        task.offerAt = null;
        remember(task, { action: 'transferred', agentId: by, note });
        remember(task, { action: 'offered', agentId: to.agentId });
      }
      task.notes = note;
      rerouted++;
      decide({ rule: 'agent-transferred', action: 'transfer', values: { taskId, by, ...to } });
      await recordTask();
      await recordConversation();
      return { taskId, status: task.status, queue: task.queue };
    },
    { validator: ({ taskId, by, supervisor }) => void requireHolder(taskId, by, supervisor) },
  );

  setHandler(
    releaseTaskUpdate,
    async ({ taskId, by, note, supervisor }) => {
      const task = requireHolder(taskId, by, supervisor);
      const holder = task.claimedBy;
      requeue(task, holder);
      remember(task, { action: 'released', agentId: by, ...(note ? { note } : {}) });
      rerouted++;
      decide({ rule: 'agent-released', action: 'release', values: { taskId, by } });
      await recordTask();
      await recordConversation();
      return { taskId, status: task.status };
    },
    { validator: ({ taskId, by, supervisor }) => void requireHolder(taskId, by, supervisor) },
  );

  await conversationRecorded;

  // Pin the flow: the version current now is the one this conversation runs to its end.
  if (!state.flow) {
    try {
      state.flow = await flows.loadFlow({ name: settings.flowName, kind: input.opening ? 'outreach' : 'conversation' });
    } catch (error) {
      state.flow = FALLBACK_FLOW;
      decide({ rule: 'flow-unavailable', action: 'fallback', values: { flow: settings.flowName, error: failureMessage(error) } });
    }
  }
  const flow = compilePinned(state.flow, (problems) => {
    decide({ rule: 'flow-invalid', action: 'fallback', values: { flow: state.flow!.name, version: state.flow!.version, problems } });
    state.flow = FALLBACK_FLOW;
  });

  /** Which stage the conversation is in after a command. */
  const stageFor = (command: Command): ConversationStage | null => {
    switch (command.type) {
      case 'send':
        return state.stage === 'triage' ? 'ai_handling' : null;
      case 'wait_for_reply':
        return state.stage === 'escalated' || state.stage === 'human' ? 'ai_handling' : null;
      case 'escalate':
        return 'escalated';
      case 'ask_survey':
        return 'feedback';
      default:
        return null;
    }
  };

  const deadlineIn = (waitId: string, seconds: number) => {
    state.deadline = { waitId, at: new Date(Date.now() + seconds * 1000).toISOString() };
  };

  /** Closes the previous task when the flow has moved on without it (an SLA breach port, for instance). */
  const retireTask = async () => {
    const task = state.task;
    if (!task || task.status === 'resolved' || task.status === 'cancelled') return;
    task.status = 'cancelled';
    task.reservation = null;
    remember(task, { action: 'cancelled' });
    await recordTask();
  };

  const openTask = async (command: Extract<Command, { type: 'escalate' }>) => {
    await retireTask();
    const routing = patched(ROUTING_PATCH) ? await store.routingFor({ queue: command.queue }) : null;
    if (routing && !routing.known) decide({ rule: 'queue-not-configured', action: 'pull', values: { queue: command.queue } });
    const at = Date.now();
    const after = (seconds?: number) => (seconds === undefined ? undefined : new Date(at + seconds * 1000).toISOString());
    // The flow's service levels win; the queue's fill in those it does not set.
    const claimSeconds = command.sla.claimSeconds ?? routing?.sla.claimSeconds;
    const firstReplySeconds = command.sla.firstReplySeconds ?? routing?.sla.firstReplySeconds;
    const resolveSeconds = command.sla.resolveSeconds ?? routing?.sla.resolveSeconds;
    const sla: SlaDeadlines = {};
    if (claimSeconds !== undefined) sla.claim = after(claimSeconds);
    if (firstReplySeconds !== undefined) sla.first_reply = after(firstReplySeconds);
    if (resolveSeconds !== undefined) sla.resolve = after(resolveSeconds);
    const routed: Partial<TaskState> = routing
      ? {
          mode: routing.mode,
          reservation: null,
          reservationSeconds: routing.reservationSeconds,
          flowSkills: command.requiredSkills,
          passed: [],
          offerAt: routing.mode === 'push' ? new Date(at).toISOString() : null,
          due: {
            ...(sla.claim ? { claimDueAt: sla.claim } : {}),
            ...(sla.first_reply ? { firstReplyDueAt: sla.first_reply } : {}),
            ...(sla.resolve ? { resolveDueAt: sla.resolve } : {}),
          },
          claimedAt: null,
          resolvedAt: null,
          history: [{ at: new Date(at).toISOString(), action: 'created', queue: command.queue }],
        }
      : {};
    state.task = {
      ...routed,
      id: uuid4(),
      waitId: command.id,
      queue: command.queue,
      priority: command.priority,
      requiredSkills: routing ? [...new Set([...command.requiredSkills, ...routing.requiredSkills])] : command.requiredSkills,
      status: 'open',
      reason: command.reason,
      claimedBy: null,
      firstReplyAt: null,
      sla,
      disposition: null,
      notes: null,
      createdAt: new Date(at).toISOString(),
    };
    // The decision shows before the task it creates.
    await recordConversation();
    await recordTask();
    if (command.handoffMessage) await reply(command.handoffMessage);
  };

  const callAction = async (command: Extract<Command, { type: 'http' }>): Promise<FlowEvent> => {
    const business = proxyActivities<ConversationActivities>({
      startToCloseTimeout: `${command.timeoutSeconds} seconds`,
      retry: {
        initialInterval: '300 milliseconds',
        backoffCoefficient: 2,
        maximumInterval: '5 seconds',
        maximumAttempts: command.retries + 1,
        nonRetryableErrorTypes: [ActivityFailure.ActionRefused],
      },
    });
    try {
      const response = await business.callAction({
        method: command.method,
        url: command.url,
        headers: command.headers,
        ...(command.body !== undefined ? { body: command.body } : {}),
        timeoutSeconds: command.timeoutSeconds,
      });
      return { type: 'action_result', id: command.id, status: response.status, body: response.body as Json };
    } catch (error) {
      const cause = error instanceof TemporalActivityFailure ? error.cause : error;
      if (cause instanceof ApplicationFailure && cause.type === ActivityFailure.ActionServerError && typeof cause.details?.[0] === 'number') {
        return { type: 'action_result', id: command.id, status: cause.details[0], body: null };
      }
      return { type: 'action_error', id: command.id, error: failureMessage(error) };
    }
  };

  const close = async (outcome: EndOutcome) => {
    closing = true;
    const humanResolved = state.task?.status === 'resolved';
    resolution = outcome === 'resolved' ? (humanResolved ? 'human_resolved' : 'ai_resolved') : humanResolved ? 'human_resolved' : 'abandoned';
    await retireTask();
    await store.recordOutcome({
      conversationId: state.conversationId,
      resolution,
      escalated: state.task !== null,
      disposition: state.task?.disposition ?? null,
      csat: state.run?.conversation.csat ?? null,
      closedAt: now(),
    });
    state.stage = 'closed';
    await recordConversation();
  };

  /** Performs a step's commands, feeding outcomes that come back at once (answers, actions) to the flow. */
  const perform = async (first: Step) => {
    let step: Step | null = first;
    while (step) {
      state.run = step.state;
      for (const decision of step.decisions) decide(fromFlow(decision));
      if (state.intent === null && step.state.signals && step.state.signals.intent !== 'none') state.intent = step.state.signals.intent;
      let followUp: FlowEvent | null = null;
      for (const command of step.commands) {
        const stage = stageFor(command);
        if (stage && stage !== state.stage) {
          state.stage = stage;
          dirty = true;
        }
        switch (command.type) {
          case 'send':
            await reply(command.text);
            break;
          case 'classify':
            followUp = {
              type: 'classified',
              id: command.id,
              signals: await answers.classifyMessage({ text: command.text, ...(command.model ? { model: command.model } : {}) }),
            };
            break;
          case 'ai_reply': {
            const answer: KnowledgeAnswer = await answers.answerFromKnowledge({ knowledgeBase: command.knowledgeBase, text: command.text, intent: command.intent });
            followUp = { type: 'ai_reply_result', id: command.id, text: answer.text, confidence: answer.confidence };
            break;
          }
          case 'http':
            followUp = await callAction(command);
            break;
          case 'check_hours':
            followUp = { type: 'hours_checked', id: command.id, ...(await store.queueHours({ queue: command.queue })) };
            break;
          case 'escalate':
            await openTask(command);
            break;
          case 'start_timer':
            deadlineIn(command.id, command.seconds);
            break;
          case 'wait_for_reply':
            deadlineIn(command.id, command.timeoutSeconds);
            break;
          case 'ask_survey':
            deadlineIn(command.id, command.timeoutSeconds);
            state.surveyReasked = false;
            await reply(command.question);
            break;
          case 'tag':
            if (command.add.includes(OPTED_OUT_TAG)) {
              await store.recordOptOut({ customerId, reason: optOutReason(input, state), at: now() });
            }
            break;
          case 'end':
            await close(command.outcome);
            break;
        }
      }
      if (dirty) await recordConversation();
      step = followUp ? resume(flow, state.run, { ...followUp, at: now() }) : null;
    }
    if (state.deadline && state.deadline.waitId !== state.run?.wait?.id) state.deadline = null;
  };

  const feed = (event: FlowEvent) => perform(resume(flow, state.run!, { ...event, at: now() }));

  /** A survey answer: a score on the flow's scale, asked again once otherwise. */
  const surveyAnswer = async (text: string) => {
    const wait = state.run!.wait!;
    const scale = surveyScale(flow, state.run!.nodeId);
    const score = Number(/^\s*(\d{1,2})\b/.exec(text)?.[1]);
    if (score >= 1 && score <= scale) return feed({ type: 'survey_answer', id: wait.id, score });
    if (state.surveyReasked) return feed({ type: 'survey_answer', id: wait.id, score: null });
    state.surveyReasked = true;
    await reply(SURVEY_REASK(scale));
  };

  /** A message from the customer: stored at once; given to the flow when it takes messages. */
  const takeMessage = async (message: InboxMessage) => {
    const waiting = state.run?.wait?.kind;
    if (waiting === 'task' || waiting === 'survey') {
      // A person (or the survey) has the conversation: no triage.
      await store.recordMessage({ ...customerRecord(message), signals: null });
      if (waiting === 'survey') return surveyAnswer(message.text);
      return feed({ type: 'message', text: message.text });
    }
    const signals = await store.recordCustomerMessage(customerRecord(message));
    state.lastSignals = signals;
    if (state.run && accepts(state.run, { type: 'message', text: message.text })) {
      return feed({ type: 'message', text: message.text, signals });
    }
    pushBounded(state.pending, { text: message.text, signals }, PENDING_LIMIT);
  };

  /** Push routing: offers the task to the longest-idle eligible agent, or looks again a little later. */
  const offer = async (task: TaskState) => {
    // An agent may have claimed the task while the loop slept.
    if (task.status !== 'open' || task.reservation || !task.offerAt) return;
    task.offerAt = null;
    const result = await store.offerTask({ taskId: task.id, queue: task.queue, requiredSkills: task.requiredSkills, exclude: task.passed ?? [] });
    if (task.status !== 'open') {
      // Claimed while the offer was being made: storing the task gives the agent's hold back.
      if (result.agentId !== null) await recordTask();
      return;
    }
    if (result.agentId === null) {
      // Everyone eligible has passed: start the round again after the pause.
      task.passed = [];
      task.offerAt = new Date(Date.now() + (settings.offerRetrySeconds ?? 5) * 1000).toISOString();
      return;
    }
    task.reservation = { agentId: result.agentId, expiresAt: new Date(Date.now() + result.reservationSeconds * 1000).toISOString() };
    remember(task, { action: 'offered', agentId: result.agentId });
    decide({ rule: 'push-offer', action: 'offer', values: { taskId: task.id, agentId: result.agentId, queue: task.queue } });
    await recordTask();
    await recordConversation();
  };

  /** The offered agent did not answer in time: the offer moves on. */
  const lapse = async (task: TaskState, reservation: { agentId: string; expiresAt: string }) => {
    if (task.status !== 'open' || task.reservation !== reservation) return;
    const { agentId } = reservation;
    task.reservation = null;
    task.passed = [...(task.passed ?? []), agentId];
    task.offerAt = task.mode === 'push' ? now() : null;
    remember(task, { action: 'offer_expired', agentId });
    await recordTask();
  };

  /** The earliest of the flow's deadline and the task's SLA deadlines. */
  const nextDeadline = (): { at: string; fire: () => Promise<void> } | null => {
    const candidates: { at: string; fire: () => Promise<void> }[] = [];
    const wait = state.run?.wait;
    if (state.deadline && wait && state.deadline.waitId === wait.id) {
      const { waitId } = state.deadline;
      candidates.push({
        at: state.deadline.at,
        fire: () => {
          state.deadline = null;
          return feed(wait.kind === 'timer' ? { type: 'timer_fired', id: waitId } : { type: 'reply_timeout', id: waitId });
        },
      });
    }
    const task = state.task;
    if (task && wait?.kind === 'task' && wait.id === task.waitId && task.status === 'open') {
      const reservation = task.reservation;
      if (reservation) {
        candidates.push({ at: reservation.expiresAt, fire: () => lapse(task, reservation) });
      } else if (task.offerAt) {
        candidates.push({ at: task.offerAt, fire: () => offer(task) });
      }
    }
    if (task && wait?.kind === 'task' && wait.id === task.waitId) {
      for (const sla of ['claim', 'first_reply', 'resolve'] as const) {
        const at = task.sla[sla];
        if (!at) continue;
        candidates.push({
          at,
          fire: async () => {
            delete task.sla[sla];
            const breached =
              (sla === 'claim' && task.status === 'open') ||
              (sla === 'first_reply' && task.firstReplyAt === null && task.status !== 'resolved') ||
              (sla === 'resolve' && task.status !== 'resolved');
            if (breached) {
              remember(task, { action: 'sla_breached', note: sla });
              await feed({ type: 'sla_breached', id: task.waitId, sla });
            }
          },
        });
      }
    }
    candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return candidates[0] ?? null;
  };

  if (!state.run && input.opening) {
    const { opening } = input;
    // Quiet hours in the customer's time zone: the first message waits, durably, for the morning.
    for (let minutes = minutesUntilSendable(now(), opening.timeZone, opening.quietHours); minutes > 0; minutes = minutesUntilSendable(now(), opening.timeZone, opening.quietHours)) {
      const until = new Date(Date.now() + minutes * 60_000).toISOString();
      decide({ rule: 'quiet-hours', action: 'wait', values: { timeZone: opening.timeZone, quietHours: opening.quietHours, until } });
      await recordConversation();
      await sleep(minutes * 60_000);
    }
    await perform(start(flow, { now: now(), channel, customer: { id: customerId }, event: opening.payload }, { honourDetect: patched(DETECT_PATCH) }));
  } else if (!state.run) {
    const arrived = await condition(() => inbox.length > 0, FIRST_MESSAGE_TIMEOUT);
    if (!arrived) {
      decide({ rule: 'no-first-message', action: 'close', values: {} });
      await close('abandoned');
      return finish();
    }
    const message = inbox.shift()!;
    const signals = await store.recordCustomerMessage(customerRecord(message));
    state.lastSignals = signals;
    await perform(start(flow, { now: now(), channel, customer: { id: customerId }, message: { text: message.text, signals } }, { honourDetect: patched(DETECT_PATCH) }));
  }

  for (;;) {
    const run = state.run!;
    if (run.ended) return finish();
    const waiting = run.wait?.kind;
    if (state.pending.length > 0 && (waiting === 'reply' || waiting === 'collect')) {
      const message = state.pending.shift()!;
      await feed({ type: 'message', text: message.text, ...(message.signals ? { signals: message.signals } : {}) });
      continue;
    }
    const task = state.task;
    const taskResolved = () => task !== null && task.status === 'resolved' && run.wait?.kind === 'task' && run.wait.id === task.waitId;
    const deadline = nextDeadline();
    const routing = rerouted;
    const ready = () => inbox.length > 0 || taskResolved() || rerouted !== routing;
    const woke = deadline ? await condition(ready, Math.max(0, Date.parse(deadline.at) - Date.now())) : (await condition(ready), true);
    if (!woke) {
      await deadline!.fire();
    } else if (taskResolved()) {
      await feed({ type: 'task_resolved', id: task!.waitId, disposition: task!.disposition ?? undefined });
    } else if (inbox.length > 0) {
      await takeMessage(inbox.shift()!);
    }
    if (!state.run!.ended && inbox.length === 0 && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > settings.maxHistoryEvents)) {
      await condition(allHandlersFinished);
      await delivering;
      if (inbox.length === 0) await continueAsNew<typeof conversationWorkflow>({ ...input, carried: state });
    }
  }

  async function finish() {
    await condition(allHandlersFinished);
    await delivering;
    // Messages accepted while the conversation was closing still belong to its transcript.
    for (const late of inbox.splice(0)) await store.recordMessage({ ...customerRecord(late), signals: null });
    return { conversationId: state.conversationId, resolution };
  }
}

/** Compiles the pinned flow; a version that no longer compiles runs the fallback flow instead. */
function compilePinned(pinned: PinnedFlow, onInvalid: (problems: string[]) => void): CompiledFlow {
  const compiled = compileFlow(pinned.content);
  if (compiled.ok) return compiled.flow;
  onInvalid(compiled.problems.slice(0, 10).map((problem) => problem.message));
  const fallback = compileFlow(FALLBACK_FLOW.content);
  if (!fallback.ok) throw new Error('the built-in fallback flow is invalid');
  return fallback.flow;
}

function optOutReason(input: ConversationInput, state: ConversationState): string {
  const said = [...state.transcript].reverse().find((line) => line.role === 'customer')?.text ?? '';
  return `replied "${said.slice(0, 200)}"${input.opening ? ` to ${input.opening.eventType}` : ''}`;
}

function fromFlow(decision: FlowDecision): Omit<DecisionRecord, 'at' | 'stage'> {
  return { rule: decision.rule, action: decision.port ?? decision.nodeType, values: decision.values, nodeId: decision.nodeId };
}

function surveyScale(flow: CompiledFlow, nodeId: string | null): number {
  const node = nodeId ? flow.nodes[nodeId] : undefined;
  return node?.type === 'survey' ? node.config.scale : 5;
}

function failureMessage(error: unknown): string {
  const cause = error instanceof TemporalActivityFailure && error.cause ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function summarise(state: ConversationState, customerId: string, reason: string, collected: Record<string, string>): string {
  const signals = state.run?.signals;
  const facts = [
    `Customer ${customerId}`,
    `escalated because: ${reason}`,
    signals && signals.intent !== 'none' ? `intent ${signals.intent} (${Math.round(signals.confidence * 100)}%)` : 'intent unknown',
    signals ? `sentiment ${signals.sentiment.toFixed(2)}${signals.sentimentShift < 0 ? ` (down ${Math.abs(signals.sentimentShift).toFixed(2)})` : ''}` : null,
    Object.keys(collected).length ? `collected ${Object.entries(collected).map(([k, v]) => `${k}=${v}`).join(', ')}` : null,
    `${state.messageCount} messages so far`,
  ];
  return facts.filter(Boolean).join('; ') + '.';
}
