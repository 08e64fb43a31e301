import { Injectable } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { type CampaignRunView, type CampaignView, type CreateCampaign, ErrorCode } from '@baton/contracts';
import { outreachFlowFor } from '@baton/db';
import { CAMPAIGN_TASK_QUEUE, campaignScheduleId, campaignWorkflow } from '@baton/workflows';
import { ApiError } from '../common/api-error';
import { toApiError } from '../temporal/temporal-errors';

interface RunRow {
  id: string;
  campaign: string;
  status: CampaignRunView['status'];
  audience: number;
  started: number;
  skipped: Record<string, number>;
  failed: number;
  started_at: Date;
  finished_at: Date | null;
  updated_at: Date;
}

const runView = (row: RunRow): CampaignRunView => ({
  id: row.id,
  campaign: row.campaign,
  status: row.status,
  audience: row.audience,
  started: row.started,
  skipped: row.skipped,
  failed: row.failed,
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  updatedAt: row.updated_at.toISOString(),
});

/** Campaigns: definitions in PostgreSQL, their timing in Temporal Schedules. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly db: DataSource,
    private readonly client: Client,
  ) {}

  async create(campaign: CreateCampaign): Promise<CampaignView> {
    if (!(await outreachFlowFor(this.db, campaign.eventType))) {
      const message = `no published outreach flow starts on "${campaign.eventType}"`;
      throw new ApiError(422, ErrorCode.NoOutreachFlow, message, { details: [{ code: ErrorCode.NoOutreachFlow, field: 'eventType', message }] });
    }
    const inserted = await this.db.query(`INSERT INTO campaigns (name, definition, created_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO NOTHING RETURNING name`, [
      campaign.name,
      JSON.stringify(campaign),
    ]);
    if (inserted.length === 0) throw new ApiError(409, ErrorCode.CampaignExists, `a campaign named ${campaign.name} already exists`);
    try {
      await this.client.schedule.create({
        scheduleId: campaignScheduleId(campaign.name),
        spec: { cronExpressions: [campaign.cron], timezone: campaign.timeZone },
        action: { type: 'startWorkflow', workflowType: campaignWorkflow, args: [{ campaign: campaign.name }], taskQueue: CAMPAIGN_TASK_QUEUE, workflowId: campaignScheduleId(campaign.name) },
        // A run still going when the next is due: skip the next, never send twice at once.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      });
    } catch (error) {
      await this.db.query(`DELETE FROM campaigns WHERE name = $1`, [campaign.name]);
      if (error instanceof ScheduleAlreadyRunning) throw new ApiError(409, ErrorCode.CampaignExists, `a schedule for campaign ${campaign.name} already exists`);
      const message = error instanceof Error ? error.message : String(error);
      if (/cron|invalid/i.test(message)) throw ApiError.fromDetails(400, [{ code: ErrorCode.InvalidField, field: 'cron', message: `cron is not valid: ${message}` }]);
      throw toApiError(error);
    }
    return this.get(campaign.name);
  }

  async list(): Promise<CampaignView[]> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM campaigns ORDER BY name`);
    return Promise.all(rows.map((row) => this.get(row.name)));
  }

  async get(name: string): Promise<CampaignView> {
    const [row] = (await this.db.query(`SELECT definition, created_at FROM campaigns WHERE name = $1`, [name])) as { definition: CreateCampaign; created_at: Date }[];
    if (!row) throw new ApiError(404, ErrorCode.CampaignNotFound, `no campaign is named ${name}`);
    const schedule = await this.schedule(name).describe().catch((error: unknown) => {
      throw error instanceof ScheduleNotFoundError ? new ApiError(404, ErrorCode.CampaignNotFound, `campaign ${name} has no schedule`) : toApiError(error);
    });
    return {
      ...row.definition,
      paused: schedule.state.paused,
      nextRunAt: schedule.info.nextActionTimes[0]?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    };
  }

  async setPaused(name: string, paused: boolean): Promise<CampaignView> {
    await this.get(name);
    await (paused ? this.schedule(name).pause('paused over the API') : this.schedule(name).unpause('resumed over the API'));
    return this.get(name);
  }

  /** Starts a run now, whatever the schedule says (a paused campaign too). */
  async runNow(name: string): Promise<void> {
    await this.get(name);
    await this.schedule(name).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  }

  async remove(name: string): Promise<void> {
    await this.get(name);
    await this.schedule(name).delete();
    await this.db.query(`DELETE FROM campaigns WHERE name = $1`, [name]);
  }

  async runs(name: string): Promise<CampaignRunView[]> {
    await this.get(name);
    const rows: RunRow[] = await this.db.query(`SELECT * FROM campaign_runs WHERE campaign = $1 ORDER BY started_at DESC LIMIT 50`, [name]);
    return rows.map(runView);
  }

  private schedule(name: string) {
    return this.client.schedule.getHandle(campaignScheduleId(name));
  }
}
