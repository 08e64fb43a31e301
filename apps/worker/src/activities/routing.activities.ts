import type { DataSource, EntityManager } from 'typeorm';
import { type BusinessHours, isOpenAt, wallClock } from '@baton/contracts';
import type { OfferRequest, OfferResult, QueueHours, QueueRouting, TaskRecord } from '@baton/workflows';

const DEFAULT_RESERVATION_SECONDS = 30;

/** The agent a task record says holds it: the claimant, or the agent it is offered to. */
function holder(record: TaskRecord): { agentId: string; kind: 'claimed' | 'reserved' } | null {
  if (record.status === 'claimed' && record.claimedBy) return { agentId: record.claimedBy, kind: 'claimed' };
  if (record.status === 'open' && record.reservedFor) return { agentId: record.reservedFor, kind: 'reserved' };
  return null;
}

/**
 * Keeps agent_assignments in step with a task just stored: the row counts against the holder's
 * capacity while they hold the task, and goes (making them idle again) when nobody does. Claims
 * recorded before agents had profiles name no agent row and hold nothing.
 */
export async function syncAssignment(tx: EntityManager, record: TaskRecord): Promise<void> {
  const held = holder(record);
  if (held) {
    await tx.query(
      `INSERT INTO agent_assignments (task_id, agent_id, kind)
       SELECT $1, user_id, $3 FROM agents WHERE user_id::text = $2
       ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, kind = EXCLUDED.kind,
         since = CASE WHEN agent_assignments.agent_id = EXCLUDED.agent_id AND agent_assignments.kind = EXCLUDED.kind
                      THEN agent_assignments.since ELSE now() END`,
      [record.id, held.agentId, held.kind],
    );
    await tx.query(`DELETE FROM agent_assignments WHERE task_id = $1 AND agent_id::text <> $2`, [record.id, held.agentId]);
    return;
  }
  await tx.query(
    `WITH freed AS (DELETE FROM agent_assignments WHERE task_id = $1 RETURNING agent_id)
     UPDATE agents SET idle_since = now() WHERE user_id IN (SELECT agent_id FROM freed)`,
    [record.id],
  );
}

/**
 * Routing against PostgreSQL: queue settings and hours, push offers to the longest-idle eligible
 * agent (for the queue's most pressing task first), and claims held against the agent's capacity.
 * Both offers and claims lock the agent's row, so concurrent conversations cannot give one agent
 * more tasks than their capacity.
 */
export function createRoutingActivities(db: DataSource) {
  return {
    async routingFor({ queue }: { queue: string }): Promise<QueueRouting> {
      const [row] = await db.query(
        `SELECT mode, required_skills, sla, reservation_seconds FROM queues WHERE name = $1`,
        [queue],
      );
      if (!row) return { known: false, mode: 'pull', requiredSkills: [], sla: {}, reservationSeconds: DEFAULT_RESERVATION_SECONDS };
      return { known: true, mode: row.mode, requiredSkills: row.required_skills, sla: row.sla, reservationSeconds: row.reservation_seconds };
    },

    /** Whether the queue is staffed now by its business hours; a queue without hours (or settings) always is. */
    async queueHours({ queue }: { queue: string }): Promise<QueueHours> {
      const [row] = await db.query(`SELECT business_hours FROM queues WHERE name = $1`, [queue]);
      if (!row) return { open: true, seen: { configured: false } };
      const hours = row.business_hours as BusinessHours | null;
      if (!hours) return { open: true, seen: { configured: true, hours: 'around the clock' } };
      const now = new Date();
      const clock = wallClock(now, hours.timeZone);
      return {
        open: isOpenAt(hours, now),
        seen: { configured: true, timeZone: hours.timeZone, localDate: clock.date, localDay: clock.day, localTime: clock.time, holiday: hours.holidays.includes(clock.date) },
      };
    },

    async offerTask({ taskId, queue, requiredSkills, exclude }: OfferRequest): Promise<OfferResult> {
      return db.transaction(async (tx) => {
        const [settings] = await tx.query(`SELECT reservation_seconds FROM queues WHERE name = $1`, [queue]);
        const reservationSeconds: number = settings?.reservation_seconds ?? DEFAULT_RESERVATION_SECONDS;
        // A retried activity finds the offer it already made.
        const [standing] = await tx.query(
          `SELECT agent_id FROM agent_assignments WHERE task_id = $1 AND kind = 'reserved' AND NOT (agent_id::text = ANY($2))`,
          [taskId, exclude],
        );
        if (standing) return { agentId: standing.agent_id, reservationSeconds };
        const [agent] = await tx.query(
          `SELECT a.user_id,
                  (SELECT count(*) FROM agent_assignments x WHERE x.agent_id = a.user_id AND x.task_id <> $1) AS load
             FROM agents a JOIN users u ON u.id = a.user_id AND u.disabled_at IS NULL
            WHERE a.presence = 'available'
              AND a.skills @> $2::text[]
              AND (cardinality(a.queues) = 0 OR $3 = ANY(a.queues))
              AND NOT (a.user_id::text = ANY($4))
              AND (SELECT count(*) FROM agent_assignments x WHERE x.agent_id = a.user_id AND x.task_id <> $1) < a.capacity
              -- More pressing tasks first: not while a higher-priority or older task of the queue, offered
              -- to nobody, is one this agent could take (it gets the agent when it next looks).
              AND NOT EXISTS (
                SELECT 1 FROM tasks t JOIN tasks o ON o.queue = t.queue AND o.id <> t.id
                 WHERE t.id = $1 AND o.status = 'open' AND o.reserved_for IS NULL
                   AND (o.priority_rank, o.created_at) < (t.priority_rank, t.created_at)
                   AND a.skills @> o.required_skills
                   AND NOT (a.user_id::text = ANY(SELECT jsonb_array_elements(o.history) ->> 'agentId')))
            ORDER BY load ASC, a.idle_since ASC, a.user_id ASC
            LIMIT 1
              FOR UPDATE OF a SKIP LOCKED`,
          [taskId, requiredSkills, queue, exclude],
        );
        if (!agent) return { agentId: null };
        await tx.query(
          `INSERT INTO agent_assignments (task_id, agent_id, kind) VALUES ($1, $2, 'reserved')
           ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, kind = 'reserved', since = now()`,
          [taskId, agent.user_id],
        );
        return { agentId: agent.user_id, reservationSeconds };
      });
    },

    async holdClaim({ taskId, agentId }: { taskId: string; agentId: string }): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [agent] = await tx.query(`SELECT capacity FROM agents WHERE user_id::text = $1 FOR UPDATE`, [agentId]);
        if (!agent) return false;
        // A statement of its own, after the lock: it sees every hold committed before it.
        const [{ load }] = await tx.query(
          `SELECT count(*)::int AS load FROM agent_assignments WHERE agent_id::text = $1 AND task_id <> $2`,
          [agentId, taskId],
        );
        if (load >= agent.capacity) return false;
        await tx.query(
          `INSERT INTO agent_assignments (task_id, agent_id, kind) VALUES ($1, $2, 'claimed')
           ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, kind = 'claimed', since = now()`,
          [taskId, agentId],
        );
        return true;
      });
    },
  };
}
