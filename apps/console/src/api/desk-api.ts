import type {
  AgentReply,
  AgentView,
  AssistView,
  CannedResponseView,
  ConversationView,
  CustomerConversationSummary,
  Presence,
  QueueView,
  ReleaseTask,
  ResolveTask,
  TaskStatus,
  TaskView,
  TransferTask,
} from '@baton/contracts';
import { apiRequest } from './api-client';

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

/** What the agent desk calls: the agent's own profile, tasks and the conversations behind them. */
export const deskApi = {
  me: () => apiRequest<AgentView>('GET', '/agents/me'),
  setPresence: (presence: Presence) => apiRequest<AgentView>('PUT', '/agents/me/presence', { presence }),
  agents: () => apiRequest<AgentView[]>('GET', '/agents'),
  queues: () => apiRequest<QueueView[]>('GET', '/queues'),
  claim: (id: string) => apiRequest<{ taskId: string; status: TaskStatus; claimedBy: string }>('POST', `${taskPath(id)}/claim`, {}),
  decline: (id: string) => apiRequest<unknown>('POST', `${taskPath(id)}/decline`, {}),
  reply: (id: string, body: AgentReply) => apiRequest<{ messageId: string }>('POST', `${taskPath(id)}/reply`, body),
  transfer: (id: string, body: TransferTask) => apiRequest<unknown>('POST', `${taskPath(id)}/transfer`, body),
  release: (id: string, body: ReleaseTask) => apiRequest<unknown>('POST', `${taskPath(id)}/release`, body),
  resolve: (id: string, body: ResolveTask) => apiRequest<unknown>('POST', `${taskPath(id)}/resolve`, body),
  task: (id: string) => apiRequest<TaskView>('GET', taskPath(id)),
  conversation: (id: string) => apiRequest<ConversationView>('GET', `/conversations/${encodeURIComponent(id)}`),
  customerConversations: (customerId: string) => apiRequest<CustomerConversationSummary[]>('GET', `/customers/${encodeURIComponent(customerId)}/conversations`),
  assist: (id: string) => apiRequest<AssistView>('GET', `${taskPath(id)}/assist`),
  cannedResponses: (queue: string) => apiRequest<CannedResponseView[]>('GET', `/canned-responses?queue=${encodeURIComponent(queue)}`),
};
