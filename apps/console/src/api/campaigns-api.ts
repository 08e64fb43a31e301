import type { CampaignRunView, CampaignView, CreateCampaign, OutreachAccepted, OutreachEvent } from '@baton/contracts';
import { apiRequest } from './api-client';

const campaignPath = (name: string) => `/campaigns/${encodeURIComponent(name)}`;

/** The campaigns API and POST /events, as the campaigns page calls them. */
export const campaignsApi = {
  list: () => apiRequest<CampaignView[]>('GET', '/campaigns'),
  get: (name: string) => apiRequest<CampaignView>('GET', campaignPath(name)),
  create: (body: CreateCampaign) => apiRequest<CampaignView>('POST', '/campaigns', body),
  runs: (name: string) => apiRequest<CampaignRunView[]>('GET', `${campaignPath(name)}/runs`),
  pause: (name: string) => apiRequest<CampaignView>('POST', `${campaignPath(name)}/pause`),
  resume: (name: string) => apiRequest<CampaignView>('POST', `${campaignPath(name)}/resume`),
  runNow: (name: string) => apiRequest<{ campaign: string; triggered: boolean }>('POST', `${campaignPath(name)}/run`),
  remove: (name: string) => apiRequest<void>('DELETE', campaignPath(name)),
  sendEvent: (event: OutreachEvent) => apiRequest<OutreachAccepted>('POST', '/events', event),
};
