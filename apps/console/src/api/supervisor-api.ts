import type { AgentProfile, AgentView, QueueSettings, QueueView, SupervisorOverview } from '@baton/contracts';
import { apiRequest } from './api-client';

const queuePath = (name: string) => `/queues/${encodeURIComponent(name)}`;

export const supervisorApi = {
  overview: () => apiRequest<SupervisorOverview>('GET', '/supervisor/overview'),
  agents: () => apiRequest<AgentView[]>('GET', '/agents'),
  setAgent: (id: string, profile: AgentProfile) => apiRequest<AgentView>('PUT', `/agents/${encodeURIComponent(id)}`, profile),
  queues: () => apiRequest<QueueView[]>('GET', '/queues'),
  /** Creates the queue (201) or changes it (200); either way answers it. */
  putQueue: (name: string, settings: QueueSettings) => apiRequest<QueueView>('PUT', queuePath(name), settings),
  /** Refused with 409 QUEUE_IN_USE while tasks wait in it. */
  removeQueue: (name: string) => apiRequest<void>('DELETE', queuePath(name)),
};
