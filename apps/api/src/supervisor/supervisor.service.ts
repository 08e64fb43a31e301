import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AgentOverview, type BusinessHours, isOpenAt, type Presence, type QueueOverview, type QueueSettings, type SupervisorOverview } from '@baton/contracts';

/** SLA attainment looks back this far. */
export const SLA_WINDOW_HOURS = 24;

interface QueueRow {
  name: string;
  title: string | null;
  mode: QueueSettings['mode'] | null;
  businessHours: BusinessHours | null;
  configured: boolean;
  waiting: number;
  claimed: number;
  longestWaitSeconds: number | null;
  slaMet: number;
  slaTotal: number;
  breachedNow: number;
}

interface AgentRow {
  id: string;
  name: string;
  presence: Presence;
  presenceSince: Date;
  capacity: number;
  skills: string[];
  queues: string[];
  claimed: number;
  reserved: number;
}

/** A queue without settings routes as the queue defaults do. */
const UNCONFIGURED_MODE: QueueSettings['mode'] = 'pull';

/** What supervisors watch: each queue's backlog and service level now, and each agent's presence and load. */
@Injectable()
export class SupervisorService {
  constructor(private readonly db: DataSource) {}

  async overview(now = new Date()): Promise<SupervisorOverview> {
    const [queues, agents] = await Promise.all([this.queues(now), this.agents()]);
    return { at: now.toISOString(), slaWindowHours: SLA_WINDOW_HOURS, queues, agents };
  }

  /**
   * One pass over the tasks that are live or were created in the window, grouped by queue, joined with
   * every queue's settings (a queue that live tasks name but nobody configured shows too).
   * A task counts for the claim SLA once its outcome is known: claimed (in time when by claimDueAt), or
   * unclaimed past claimDueAt while it was open (a task cancelled before its deadline never counts).
   */
  private async queues(now: Date): Promise<QueueOverview[]> {
    const rows: QueueRow[] = await this.db.query(
      `WITH task_stats AS (
         SELECT t.queue,
                count(*) FILTER (WHERE t.status = 'open')::int AS waiting,
                count(*) FILTER (WHERE t.status = 'claimed')::int AS claimed,
                min(t.created_at) FILTER (WHERE t.status = 'open') AS oldest_open,
                count(*) FILTER (WHERE t.status = 'open' AND due.at < $1::timestamptz)::int AS breached_now,
                count(*) FILTER (WHERE in_window AND due.at IS NOT NULL AND t.claimed_at IS NOT NULL AND t.claimed_at <= due.at)::int AS sla_met,
                count(*) FILTER (WHERE in_window AND due.at IS NOT NULL AND (
                  t.claimed_at IS NOT NULL
                  OR due.at < CASE WHEN t.status = 'open' THEN $1::timestamptz ELSE coalesce(t.resolved_at, t.updated_at) END))::int AS sla_total
         FROM tasks t
         CROSS JOIN LATERAL (SELECT (t.sla->>'claimDueAt')::timestamptz AS at) due
         CROSS JOIN LATERAL (SELECT t.created_at >= $1::timestamptz - make_interval(hours => $2) AS in_window) w
         WHERE t.status IN ('open', 'claimed') OR t.created_at >= $1::timestamptz - make_interval(hours => $2)
         GROUP BY t.queue
       )
       SELECT coalesce(q.name, s.queue) AS name, q.title, q.mode, q.business_hours AS "businessHours", q.name IS NOT NULL AS configured,
              coalesce(s.waiting, 0) AS waiting, coalesce(s.claimed, 0) AS claimed,
              floor(extract(epoch FROM $1::timestamptz - s.oldest_open))::int AS "longestWaitSeconds",
              coalesce(s.sla_met, 0) AS "slaMet", coalesce(s.sla_total, 0) AS "slaTotal", coalesce(s.breached_now, 0) AS "breachedNow"
       FROM queues q
       FULL JOIN task_stats s ON s.queue = q.name
       WHERE q.name IS NOT NULL OR s.waiting > 0 OR s.claimed > 0
       ORDER BY q.priority DESC NULLS LAST, 1`,
      [now, SLA_WINDOW_HOURS],
    );
    return rows.map((row) => ({
      name: row.name,
      title: row.title ?? row.name,
      mode: row.mode ?? UNCONFIGURED_MODE,
      configured: row.configured,
      openNow: isOpenAt(row.businessHours, now),
      waiting: row.waiting,
      claimed: row.claimed,
      longestWaitSeconds: row.longestWaitSeconds === null ? null : Math.max(0, row.longestWaitSeconds),
      slaAttainment: row.slaTotal === 0 ? null : { percent: Math.round((1000 * row.slaMet) / row.slaTotal) / 10, met: row.slaMet, total: row.slaTotal },
      breachedNow: row.breachedNow,
    }));
  }

  /** Every enabled agent with the tasks they hold, counted from agent_assignments in the same query. */
  private async agents(): Promise<AgentOverview[]> {
    const rows: AgentRow[] = await this.db.query(
      `SELECT a.user_id AS id, u.name, a.presence, a.presence_since AS "presenceSince", a.capacity, a.skills, a.queues,
              count(x.task_id) FILTER (WHERE x.kind = 'claimed')::int AS claimed,
              count(x.task_id) FILTER (WHERE x.kind = 'reserved')::int AS reserved
       FROM agents a
       JOIN users u ON u.id = a.user_id
       LEFT JOIN agent_assignments x ON x.agent_id = a.user_id
       WHERE u.disabled_at IS NULL
       GROUP BY a.user_id, u.name
       ORDER BY u.name, a.user_id`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      presence: row.presence,
      presenceSince: new Date(row.presenceSince).toISOString(),
      capacity: row.capacity,
      load: { claimed: row.claimed, reserved: row.reserved },
      skills: row.skills,
      queues: row.queues,
    }));
  }
}
