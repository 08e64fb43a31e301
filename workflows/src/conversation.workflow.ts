import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ConversationStage,
  DecisionRecord,
  Disposition,
  MessageRole,
  Resolution,
  Signals,
  TaskContext,
} from '@baton/contracts';
import type { ConversationActivities, OrderLookup, PasswordResetResult } from './activities';
import {
  DECISION_LIMIT,
  initialState,
  pushBounded,
  SEEN_KEYS_LIMIT,
  TRANSCRIPT_LIMIT,
  type ConversationState,
} from './conversation-state';
import {
  agentReplyUpdate,
  claimTaskUpdate,
  conversationWorkflowId,
  resolveTaskUpdate,
  receiveMessageUpdate,
  UpdateRejection,
  type ConversationInput,
  type ReceiveMessageInput,
} from './definitions';
import { builtInPolicy } from './policy/built-in-policy';
import type { PolicyAction, PolicyDecision } from './policy/conversation-policy';

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
/** The business's systems: bounded tries so the customer gets an honest answer in time. */
const business = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '300 milliseconds', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: ['BadRequest'] },
});

export const CSAT_PROMPT = 'Thanks for contacting us. How would you rate your experience, from 1 (poor) to 5 (excellent)?';
export const CSAT_REASK = 'Please answer with a number from 1 to 5.';
export const CSAT_THANKS = 'Thank you for your feedback!';
export const HANDOFF_REPLY = "I'm passing you to a member of our team, who can see everything you've told me. They'll be with you shortly.";

/** One customer conversation: triage -> AI handling -> escalation -> human resolution -> feedback. */
export async function conversationWorkflow(input: ConversationInput): Promise<{ conversationId: string; resolution: Resolution }> {
  const { channel, conversationKey, customerId, settings } = input;
  const workflowId = conversationWorkflowId(channel, conversationKey);
  const state: ConversationState =
    input.carried ?? initialState(workflowInfo().firstExecutionRunId, new Date().toISOString());
  const inbox: (ReceiveMessageInput & { messageId: string })[] = [];
  let closing = false;
  const taskResolved = () => state.task?.status === 'resolved';

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
      eventSeq: nextSeq(),
      createdAt: state.createdAt,
      updatedAt: now(),
    });
  const recordConversation = () => store.recordConversation(conversationRecord());

  const setStage = async (stage: ConversationStage) => {
    state.stage = stage;
    await recordConversation();
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

  /** Stores a message; `withConversation` also stores the conversation's state (stage, decisions) with it. */
  const recordMessage = async (
    role: MessageRole,
    text: string,
    extra: { id?: string; author?: string | null; idempotencyKey?: string | null; withConversation?: boolean } = {},
  ) => {
    const record = { ...messageRecord(role, text, extra), signals: null };
    await store.recordMessage(record, extra.withConversation ? conversationRecord() : undefined);
    return record.id;
  };

  const customerMessage = (message: (typeof inbox)[number]) =>
    messageRecord('customer', message.text, { id: message.messageId, author: message.customerId, idempotencyKey: message.idempotencyKey });

  const recordTask = async () => {
    const task = state.task!;
    const context: TaskContext = {
      summary: summarise(state, customerId, task.reason),
      transcript: state.transcript,
      collected: state.collected,
      signals: state.lastSignals,
      decisions: state.decisions,
    };
    await store.recordTask({
      ...task,
      conversationId: state.conversationId,
      workflowId,
      context,
      eventSeq: nextSeq(),
      updatedAt: now(),
    });
  };

  const decide = (decision: Omit<DecisionRecord, 'at' | 'stage'>) =>
    pushBounded(state.decisions, { at: now(), stage: state.stage, ...decision }, DECISION_LIMIT);

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
    async ({ taskId, agentId }) => {
      const task = requireTask(taskId);
      // Re-checked here as well as in the validator: the first claim to run wins.
      if (task.status !== 'open') reject(UpdateRejection.TaskAlreadyClaimed, `task ${taskId} is already ${task.status}`);
      task.status = 'claimed';
      task.claimedBy = agentId;
      decide({ rule: 'agent-claimed', action: 'claim', values: { taskId, agentId } });
      state.stage = 'human';
      await recordTask();
      await recordConversation();
      return { taskId, status: task.status, claimedBy: agentId };
    },
    {
      validator: ({ taskId }) => {
        const task = requireTask(taskId);
        if (task.status === 'claimed') reject(UpdateRejection.TaskAlreadyClaimed, `task ${taskId} is already claimed by ${task.claimedBy}`);
        if (task.status !== 'open') reject(UpdateRejection.TaskClosed, `task ${taskId} is ${task.status}`);
      },
    },
  );

  setHandler(
    agentReplyUpdate,
    async ({ taskId, agentId, text }) => {
      requireClaimedBy(taskId, agentId);
      const messageId = await recordMessage('agent', text, { author: agentId });
      return { messageId };
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
      decide({ rule: 'agent-resolved', action: 'resolve', values: { taskId, agentId, disposition } });
      await recordTask();
      return { taskId, status: task.status };
    },
    { validator: ({ taskId, agentId }) => void requireClaimedBy(taskId, agentId) },
  );

  /** An AI message, stored with the conversation's state so what was decided shows with what was said. */
  const reply = (text: string) => recordMessage('ai', text, { author: 'baton', withConversation: true });

  const escalate = async (action: Extract<PolicyAction, { kind: 'escalate' }>) => {
    state.escalated = true;
    state.awaiting = null;
    state.task = {
      id: uuid4(),
      queue: action.queue,
      priority: action.priority,
      status: 'open',
      reason: action.reason,
      claimedBy: null,
      disposition: null,
      notes: null,
      createdAt: now(),
    };
    state.stage = 'escalated';
    // The decision shows before the task it creates.
    await recordConversation();
    await recordTask();
    await reply(HANDOFF_REPLY);
  };

  /** A business call that failed after its retries: say so honestly and hand over to a person. */
  const backendFailed = async (system: string, values: Record<string, unknown>, error: unknown) => {
    decide({ rule: 'backend-unavailable', action: 'escalate', values: { ...values, system, error: String(error) } });
    await reply(`I'm sorry, I can't reach our ${system} right now, so I'm passing you to a member of our team.`);
    await escalate({ kind: 'escalate', queue: 'support', priority: 'normal', reason: `${system} unavailable` });
  };

  const answerOrder = async (orderNumber: string) => {
    let order: OrderLookup;
    try {
      order = await business.lookupOrder({ customerId, orderNumber });
    } catch (error) {
      return backendFailed('order system', { orderNumber }, error);
    }
    state.awaiting = null;
    if (!order.found) {
      state.aiFailures++;
      await reply(`I couldn't find order ${orderNumber} on your account. Could you check the number?`);
      state.awaiting = 'orderNumber';
      return;
    }
    state.collected.orderNumber = order.orderNumber;
    state.aiAnswered = true;
    await reply(describeOrder(order));
  };

  const resetPassword = async () => {
    let result: PasswordResetResult;
    try {
      result = await business.requestPasswordReset({ customerId });
    } catch (error) {
      return backendFailed('account system', {}, error);
    }
    state.aiAnswered = result.sent;
    await reply(
      result.sent
        ? `I've sent a password reset link to ${result.maskedEmail}. It is valid for 30 minutes.`
        : "I couldn't find an email address on your account, so I can't send a reset link. A colleague can help.",
    );
  };

  const askCsat = async () => {
    state.awaiting = 'csat';
    state.csatAsked = 1;
    await setStage('feedback');
    await reply(CSAT_PROMPT);
  };

  const close = async (csat: number | null) => {
    closing = true;
    const resolution: Resolution = taskResolved() ? 'human_resolved' : state.aiAnswered ? 'ai_resolved' : 'abandoned';
    await store.recordOutcome({
      conversationId: state.conversationId,
      resolution,
      escalated: state.escalated,
      disposition: (state.task?.disposition ?? null) as Disposition | null,
      csat,
      closedAt: now(),
    });
    await setStage('closed');
    return resolution;
  };

  const handleAiTurn = async (message: (typeof inbox)[number], signals: Signals) => {
    const decision: PolicyDecision = builtInPolicy.decide({
      text: message.text,
      signals,
      state,
      maxAiFailures: settings.maxAiFailures,
    });
    decide({ rule: decision.rule, action: decision.action.kind, values: decision.values });
    state.stage = 'ai_handling';
    const { action } = decision;
    switch (action.kind) {
      case 'escalate':
        return escalate(action);
      case 'lookup_order':
        return answerOrder(action.orderNumber);
      case 'password_reset':
        return resetPassword();
      case 'ask':
        if (action.failed) state.aiFailures++;
        state.awaiting = action.awaiting;
        return reply(action.text);
      case 'reply':
        if (action.failed) state.aiFailures++;
        return reply(action.text);
      case 'finish':
        return askCsat();
    }
  };

  const handleCsat = async (text: string): Promise<Resolution | null> => {
    const score = /^\s*([1-5])\b/.exec(text)?.[1];
    if (score) {
      await reply(CSAT_THANKS);
      return close(Number(score));
    }
    if (state.csatAsked >= 2) return close(null);
    state.csatAsked++;
    await reply(CSAT_REASK);
    return null;
  };

  await conversationRecorded;

  for (;;) {
    const waitingForCustomer = state.stage === 'triage' || state.stage === 'ai_handling' || state.stage === 'feedback';
    const timeout = state.stage === 'feedback' ? settings.csatTimeoutMs : waitingForCustomer ? settings.idleTimeoutMs : undefined;
    const ready = () => inbox.length > 0 || (taskResolved() && state.stage === 'human');
    const woke = timeout === undefined ? (await condition(ready), true) : await condition(ready, timeout);
    if (!woke) {
      decide({ rule: state.stage === 'feedback' ? 'csat-timeout' : 'idle-timeout', action: 'close', values: { timeoutMs: timeout } });
      return finish(await close(null));
    }
    if (taskResolved() && state.stage === 'human') {
      await askCsat();
      continue;
    }
    const message = inbox.shift()!;
    if (state.stage === 'triage' || state.stage === 'ai_handling') {
      const signals = await store.recordCustomerMessage(customerMessage(message));
      state.lastSignals = signals;
      if (signals.intents[0] && state.intent === null) state.intent = signals.intents[0].label;
      await handleAiTurn(message, signals);
    } else {
      await store.recordMessage({ ...customerMessage(message), signals: null });
      if (state.stage === 'feedback') {
        const resolution = await handleCsat(message.text);
        if (resolution) return finish(resolution);
      }
    }
    if (inbox.length === 0 && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > settings.maxHistoryEvents)) {
      await condition(allHandlersFinished);
      if (inbox.length === 0) await continueAsNew<typeof conversationWorkflow>({ ...input, carried: state });
    }
  }

  async function finish(resolution: Resolution) {
    await condition(allHandlersFinished);
    // Messages accepted while the conversation was closing still belong to its transcript.
    for (const late of inbox.splice(0)) await store.recordMessage({ ...customerMessage(late), signals: null });
    return { conversationId: state.conversationId, resolution };
  }
}

function describeOrder(order: Extract<OrderLookup, { found: true }>): string {
  const parts = [`Order ${order.orderNumber} is ${order.status.replace(/_/g, ' ')}`];
  if (order.carrier) parts.push(`with ${order.carrier}`);
  if (order.estimatedDelivery) parts.push(`and should arrive by ${order.estimatedDelivery}`);
  return `${parts.join(' ')}. Is there anything else I can help with?`;
}

function summarise(state: ConversationState, customerId: string, reason: string): string {
  const signals = state.lastSignals;
  const intent = signals?.intents[0];
  const facts = [
    `Customer ${customerId}`,
    `escalated because: ${reason}`,
    intent ? `intent ${intent.label} (${Math.round(intent.confidence * 100)}%)` : 'intent unknown',
    signals ? `sentiment ${signals.sentiment.toFixed(2)}` : null,
    Object.keys(state.collected).length ? `collected ${Object.entries(state.collected).map(([k, v]) => `${k}=${v}`).join(', ')}` : null,
    `${state.messageCount} messages so far`,
  ];
  return facts.filter(Boolean).join('; ') + '.';
}
