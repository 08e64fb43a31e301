import { z } from 'zod';
import { eventType, timeZone } from './events.schema';
import { channelSchema } from './inbound-message.schema';

/** A campaign's name: a slug, as flows are named. */
export const campaignName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a slug: lowercase letters, digits and "-", at most 64 characters');

/** Five-field cron (minute hour day-of-month month day-of-week), as Temporal Schedules take it. */
const cron = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression, e.g. "0 9 * * *" for every day at 09:00');

/** POST /campaigns: a recurring outreach to an audience the business's system lists. */
export const createCampaignSchema = z.strictObject({
  name: campaignName,
  description: z.string().max(2000, 'must be at most 2000 characters').optional(),
  /** Each member gets this event; the outreach flow listening for it runs. */
  eventType,
  cron,
  /** The time zone the cron reads in. */
  timeZone: timeZone.default('UTC'),
  /**
   * Where the worker reads the audience: a `<connection>:/path` (or a URL on a connection), called
   * with `cursor` and `limit`, answering `{ members: [{ customerId, payload?, timeZone?, conversationKey? }], nextCursor }`.
   */
  audience: z.strictObject({
    url: z.string().min(1).max(2000),
    headers: z.array(z.strictObject({ name: z.string().min(1).max(64), secret: z.string().min(1).max(64) })).max(10).default([]),
  }),
  /** Values every member's event carries; a member's own payload wins. */
  payload: z.record(z.string(), z.json()).default({}),
  channel: channelSchema.default('web'),
  /** Outreaches started per second; null starts them as fast as the platform allows. */
  ratePerSecond: z.number().int().min(1).max(1000).nullable().default(10),
});
export type CreateCampaign = z.infer<typeof createCampaignSchema>;

export interface CampaignView extends CreateCampaign {
  paused: boolean;
  nextRunAt: string | null;
  createdAt: string;
}

export interface CampaignRunView {
  id: string;
  campaign: string;
  status: 'running' | 'completed' | 'failed';
  /** Members read from the audience so far. */
  audience: number;
  started: number;
  /** Members skipped, by reason (opted_out, frequency_cap, ...). */
  skipped: Record<string, number>;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  updatedAt: string;
}
