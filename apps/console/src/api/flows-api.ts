import type {
  CreateFlow,
  FlowDetail,
  FlowDiffView,
  FlowSummary,
  FlowValidationResult,
  FlowVersionView,
  PublishFlow,
  PublishResult,
  RollbackFlow,
  SaveDraft,
  Signals,
} from '@baton/contracts';
import { apiRequest } from './api-client';

const flowPath = (name: string) => `/flows/${encodeURIComponent(name)}`;

/** The flows API and the triage endpoint, as the designer calls them. */
export const flowsApi = {
  list: () => apiRequest<FlowSummary[]>('GET', '/flows'),
  create: (body: CreateFlow) => apiRequest<FlowDetail>('POST', '/flows', body),
  get: (name: string) => apiRequest<FlowDetail>('GET', flowPath(name)),
  saveDraft: (name: string, body: SaveDraft) => apiRequest<FlowDetail>('PUT', `${flowPath(name)}/draft`, body),
  validate: (name: string, flow: unknown) => apiRequest<FlowValidationResult>('POST', `${flowPath(name)}/validate`, { flow }),
  publish: (name: string, body: PublishFlow) => apiRequest<PublishResult>('POST', `${flowPath(name)}/publish`, body),
  versions: (name: string) => apiRequest<FlowVersionView[]>('GET', `${flowPath(name)}/versions`),
  version: (name: string, version: number) => apiRequest<FlowVersionView>('GET', `${flowPath(name)}/versions/${version}`),
  rollback: (name: string, body: RollbackFlow) => apiRequest<PublishResult>('POST', `${flowPath(name)}/rollback`, body),
  diff: (name: string, from: number | 'draft', to: number | 'draft') =>
    apiRequest<FlowDiffView>('GET', `${flowPath(name)}/diff?from=${from}&to=${to}`),
  triage: (text: string) => apiRequest<Signals>('POST', '/nlu/triage', { text }),
};
