import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { BatchResult, CampaignActivities } from './activities';

const activities = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** Members read per audience page. */
export const AUDIENCE_PAGE = 500;
/** Members started per activity when nothing paces the campaign. */
const UNPACED_BATCH = 100;

export interface CampaignRunInput {
  campaign: string;
  /** Handed over by continue-as-new: where the run stands. */
  carried?: { runId: string; cursor: string | null; audience: number; result: BatchResult; startedAt: string };
}

const add = (total: BatchResult, batch: BatchResult): BatchResult => {
  const skipped = { ...total.skipped };
  for (const [reason, count] of Object.entries(batch.skipped)) skipped[reason] = (skipped[reason] ?? 0) + count;
  return { started: total.started + batch.started, skipped, failed: total.failed + batch.failed };
};

/**
 * One run of a campaign, started by its Temporal Schedule (or "run now"): reads the audience page
 * by page from the business's system and starts an outreach for each member, paced to the
 * campaign's rate so that 100,000 customers do not flood the channel or the platform. Each member's
 * outreach is admitted like an event's (opt-out, frequency cap, dedupe, quiet hours). Progress is
 * recorded after every batch.
 */
export async function campaignWorkflow(input: CampaignRunInput): Promise<BatchResult> {
  const campaign = await activities.loadCampaign({ name: input.campaign });
  const runId = input.carried?.runId ?? workflowInfo().workflowId;
  const startedAt = input.carried?.startedAt ?? new Date().toISOString();
  let cursor = input.carried?.cursor ?? null;
  let audience = input.carried?.audience ?? 0;
  let result: BatchResult = input.carried?.result ?? { started: 0, skipped: {}, failed: 0 };
  const record = (status: 'running' | 'completed', finishedAt: string | null = null) =>
    activities.recordCampaignRun({ runId, campaign: campaign.name, status, audience, result, startedAt, finishedAt });

  if (!input.carried) await record('running');
  const batchSize = campaign.ratePerSecond ?? UNPACED_BATCH;
  do {
    const page = await activities.fetchAudience({ ...campaign.audience, cursor, limit: AUDIENCE_PAGE });
    audience += page.members.length;
    for (let i = 0; i < page.members.length; i += batchSize) {
      const members = page.members.slice(i, i + batchSize);
      const began = Date.now();
      result = add(result, await activities.startOutreachBatch({ campaign, runId, members }));
      await record('running');
      // A batch of `rate` members per second: wait out the rest of the second.
      if (campaign.ratePerSecond) {
        const rest = (members.length / campaign.ratePerSecond) * 1000 - (Date.now() - began);
        if (rest > 0) await sleep(rest);
      }
    }
    cursor = page.nextCursor;
    if (cursor && workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof campaignWorkflow>({ campaign: input.campaign, carried: { runId, cursor, audience, result, startedAt } });
    }
  } while (cursor);
  await record('completed', new Date().toISOString());
  return result;
}
