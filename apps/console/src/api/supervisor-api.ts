import type { SupervisorOverview } from '@baton/contracts';
import { apiRequest } from './api-client';

export const supervisorApi = {
  overview: () => apiRequest<SupervisorOverview>('GET', '/supervisor/overview'),
};
