import type { ConversationView, MessageView, OutcomeView, TaskView } from '@baton/contracts';
import type { ConversationEntity, MessageEntity, OutcomeEntity, TaskEntity } from '@baton/db';

export const toMessageView = (message: MessageEntity): MessageView => ({
  id: message.id,
  seq: message.seq,
  role: message.role,
  author: message.author,
  text: message.text,
  ...(typeof message.signals?.sentiment === 'number' ? { sentiment: message.signals.sentiment } : {}),
  createdAt: message.createdAt.toISOString(),
});

/** A message as the customer sees it: without what triage read in it. */
export const forCustomer = ({ sentiment: _sentiment, ...message }: MessageView): MessageView => message;

export const toTaskView = (task: TaskEntity): TaskView => ({
  id: task.id,
  conversationId: task.conversationId,
  customerId: task.customerId,
  queue: task.queue,
  priority: task.priority,
  requiredSkills: task.requiredSkills,
  status: task.status,
  reason: task.reason,
  context: task.context,
  claimedBy: task.claimedBy,
  reservedFor: task.reservedFor,
  reservationExpiresAt: task.reservationExpiresAt?.toISOString() ?? null,
  sla: task.sla,
  claimedAt: task.claimedAt?.toISOString() ?? null,
  firstReplyAt: task.firstReplyAt?.toISOString() ?? null,
  resolvedAt: task.resolvedAt?.toISOString() ?? null,
  disposition: task.disposition,
  notes: task.notes,
  history: task.history,
  createdAt: task.createdAt.toISOString(),
  updatedAt: task.updatedAt.toISOString(),
});

export const toOutcomeView = (outcome: OutcomeEntity): OutcomeView => ({
  resolution: outcome.resolution,
  escalated: outcome.escalated,
  disposition: outcome.disposition,
  csat: outcome.csat,
  closedAt: outcome.closedAt.toISOString(),
});

export const toConversationView = (
  conversation: ConversationEntity,
  messages: MessageEntity[],
  tasks: TaskEntity[],
  outcome: OutcomeEntity | null,
): ConversationView => ({
  id: conversation.id,
  channel: conversation.channel,
  conversationKey: conversation.conversationKey,
  customerId: conversation.customerId,
  stage: conversation.stage,
  intent: conversation.intent,
  flow: conversation.flowName === null ? null : { name: conversation.flowName, version: conversation.flowVersion },
  createdAt: conversation.createdAt.toISOString(),
  updatedAt: conversation.updatedAt.toISOString(),
  messages: messages.map(toMessageView),
  tasks: tasks.map(toTaskView),
  decisions: conversation.decisions,
  outcome: outcome ? toOutcomeView(outcome) : null,
});
