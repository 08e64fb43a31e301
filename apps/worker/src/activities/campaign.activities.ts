import { ApplicationFailure } from '@temporalio/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { type OutreachPolicy, outreachFlowFor, startOutreach } from '@baton/db';
import {
  type AudienceMember,
  type BatchResult,
  type CampaignActivities,
  type CampaignSettings,
  conversationWorkflow,
  outreachStartOptions,
} from '@baton/workflows';
import { type ActionSettings, resolveActionUrl } from './action.activities';

const audiencePage = z.object({
  members: z
    .array(
      z.object({
        customerId: z.string().regex(/^[A-Za-z0-9._:@+-]{1,128}$/, 'is not a customer id'),
        payload: z.record(z.string(), z.unknown()).optional(),
        timeZone: z.string().max(64).optional(),
        conversationKey: z.string().regex(/^[A-Za-z0-9._:@+-]{1,128}$/).optional(),
      }),
    )
    .max(1000),
  nextCursor: z.string().max(1000).nullable(),
});

/** Members admitted and started at once within a batch. */
const BATCH_CONCURRENCY = 6;

export interface CampaignDependencies {
  db: DataSource;
  client: Client;
  actions: ActionSettings;
  policy: OutreachPolicy;
  maxHistoryEvents: number;
}

/** Campaign runs: the audience from the business's system, and outreaches admitted like events'. */
export function createCampaignActivities({ db, client, actions, policy, maxHistoryEvents }: CampaignDependencies): CampaignActivities {
  const startOne = async (campaign: CampaignSettings, runId: string, member: AudienceMember, flow: { name: string; version: number }): Promise<string> => {
    const payload = { ...campaign.payload, ...(member.payload ?? {}) };
    const request = {
      type: campaign.eventType,
      customerId: member.customerId,
      idempotencyKey: `${runId}:${member.customerId}`,
      payload,
      channel: campaign.channel,
      ...(member.conversationKey ? { conversationKey: member.conversationKey } : {}),
      ...(member.timeZone ? { timeZone: member.timeZone } : {}),
    };
    let startFailed = false;
    try {
      const { row } = await startOutreach(db, request, flow, policy, async (admitted, timeZone) => {
        try {
          const handle = await client.workflow.start(
            conversationWorkflow,
            outreachStartOptions({ channel: campaign.channel, conversationKey: admitted.conversationKey, customerId: member.customerId }, flow.name, {
              outreachId: admitted.id,
              eventType: campaign.eventType,
              payload: payload as never,
              timeZone,
              quietHours: policy.OUTREACH_QUIET_HOURS,
            }, maxHistoryEvents),
          );
          return handle.firstExecutionRunId;
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) return null;
          startFailed = true;
          throw error;
        }
      });
      // A retried batch finds the members it already handled; one whose start is still unsettled counts as failed.
      if (row.status === 'skipped') return row.reason ?? 'skipped';
      return row.conversationId ? 'started' : 'failed';
    } catch (error) {
      if (startFailed) return 'failed';
      throw error;
    }
  };

  return {
    async loadCampaign({ name }) {
      const [row] = (await db.query(`SELECT definition FROM campaigns WHERE name = $1`, [name])) as { definition: CampaignSettings }[];
      if (!row) throw ApplicationFailure.create({ type: 'CampaignNotFound', message: `no campaign is named "${name}"`, nonRetryable: true });
      const { eventType, audience, payload, channel, ratePerSecond } = row.definition;
      return { name, eventType, audience, payload, channel, ratePerSecond };
    },

    async fetchAudience({ url, headers, cursor, limit }) {
      const target = resolveActionUrl(url, actions.connections);
      target.searchParams.set('limit', String(limit));
      if (cursor !== null) target.searchParams.set('cursor', cursor);
      const sent: Record<string, string> = { accept: 'application/json' };
      for (const header of headers) {
        const value = actions.secrets[header.secret];
        if (value === undefined) throw ApplicationFailure.create({ type: 'AudienceRefused', message: `the audience needs secret "${header.secret}", which this worker does not hold`, nonRetryable: true });
        sent[header.name] = value;
      }
      const response = await fetch(target, { headers: sent, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`the audience ${target.origin}${target.pathname} answered ${response.status}`);
      const page = audiencePage.safeParse(await response.json());
      if (!page.success) throw ApplicationFailure.create({ type: 'AudienceRefused', message: `the audience answered an unexpected shape: ${page.error.issues[0]!.message}`, nonRetryable: true });
      return page.data;
    },

    async startOutreachBatch({ campaign, runId, members }) {
      const flow = await outreachFlowFor(db, campaign.eventType);
      const result: BatchResult = { started: 0, skipped: {}, failed: 0 };
      // Members in parallel, a few at a time (the database pool's size): each is its own transaction.
      let next = 0;
      const lane = async () => {
        while (next < members.length) {
          const member = members[next++]!;
          const outcome = flow ? await startOne(campaign, runId, member, flow) : 'no_outreach_flow';
          if (outcome === 'started') result.started++;
          else if (outcome === 'failed') result.failed++;
          else result.skipped[outcome] = (result.skipped[outcome] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, lane));
      return result;
    },

    async recordCampaignRun({ runId, campaign, status, audience, result, startedAt, finishedAt }) {
      await db.query(
        `INSERT INTO campaign_runs (id, campaign, status, audience, started, skipped, failed, started_at, finished_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, audience = EXCLUDED.audience, started = EXCLUDED.started,
           skipped = EXCLUDED.skipped, failed = EXCLUDED.failed, finished_at = EXCLUDED.finished_at, updated_at = now()`,
        [runId, campaign, status, audience, result.started, JSON.stringify(result.skipped), result.failed, startedAt, finishedAt],
      );
    },
  };
}
