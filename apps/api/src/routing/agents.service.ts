import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AgentProfile, type AgentView, ErrorCode, type Presence } from '@baton/contracts';
import type { AgentSnapshot } from '@baton/workflows';
import { ApiError } from '../common/api-error';

interface AgentRow {
  user_id: string;
  name: string;
  email: string;
  skills: string[];
  queues: string[];
  capacity: number;
  presence: Presence;
  presence_since: Date;
  claimed: number;
  reserved: number;
}

const SELECT_AGENTS = `
  SELECT a.user_id, u.name, u.email, a.skills, a.queues, a.capacity, a.presence, a.presence_since,
         count(x.task_id) FILTER (WHERE x.kind = 'claimed')::int AS claimed,
         count(x.task_id) FILTER (WHERE x.kind = 'reserved')::int AS reserved
    FROM agents a
    JOIN users u ON u.id = a.user_id AND u.disabled_at IS NULL
    LEFT JOIN agent_assignments x ON x.agent_id = a.user_id`;

const toView = (row: AgentRow): AgentView => ({
  id: row.user_id,
  name: row.name,
  email: row.email,
  skills: row.skills,
  queues: row.queues,
  capacity: row.capacity,
  presence: row.presence,
  presenceSince: row.presence_since.toISOString(),
  load: { claimed: row.claimed, reserved: row.reserved },
});

/** Agents: people with the agent role, their skills, queues, capacity, presence and what they hold. */
@Injectable()
export class AgentsService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<AgentView[]> {
    const rows: AgentRow[] = await this.db.query(`${SELECT_AGENTS} GROUP BY a.user_id, u.id ORDER BY u.name, a.user_id`);
    return rows.map(toView);
  }

  async get(id: string): Promise<AgentView> {
    const [row]: AgentRow[] = await this.db.query(`${SELECT_AGENTS} WHERE a.user_id::text = $1 GROUP BY a.user_id, u.id`, [id]);
    if (!row) throw new ApiError(404, ErrorCode.AgentNotFound, `${id} is not an agent (a user with the agent role and a profile)`);
    return toView(row);
  }

  /** Sets an agent's profile; the user must exist and have the agent role. */
  async setProfile(id: string, profile: AgentProfile): Promise<AgentView> {
    const [user] = await this.db.query(`SELECT roles FROM users WHERE id = $1 AND disabled_at IS NULL`, [id]);
    if (!user || !(user.roles as string[]).includes('agent')) {
      throw new ApiError(404, ErrorCode.AgentNotFound, `no active user ${id} has the agent role`);
    }
    await this.db.query(
      `INSERT INTO agents (user_id, skills, queues, capacity) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET skills = EXCLUDED.skills, queues = EXCLUDED.queues, capacity = EXCLUDED.capacity`,
      [id, profile.skills, [...new Set(profile.queues)], profile.capacity],
    );
    return this.get(id);
  }

  /** Becoming available makes the agent idle from now: push routing offers to the longest idle first. */
  async setPresence(id: string, presence: Presence): Promise<AgentView> {
    // An UPDATE answers [rows, count] through TypeORM's PostgreSQL driver.
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE agents SET presence = $2,
              presence_since = CASE WHEN presence = $2 THEN presence_since ELSE now() END,
              idle_since = CASE WHEN presence <> 'available' AND $2 = 'available' THEN now() ELSE idle_since END
        WHERE user_id::text = $1`,
      [id, presence],
    );
    if (count === 0) throw new ApiError(404, ErrorCode.AgentNotFound, `${id} has no agent profile`);
    return this.get(id);
  }

  /** What the claim's validator checks, read just before the claim; the task itself is not counted. */
  async snapshot(id: string, taskId: string): Promise<AgentSnapshot> {
    const [row] = await this.db.query(
      `SELECT a.skills, a.queues, a.presence, a.capacity,
              (SELECT count(*)::int FROM agent_assignments x WHERE x.agent_id = a.user_id AND x.task_id <> $2) AS load
         FROM agents a JOIN users u ON u.id = a.user_id AND u.disabled_at IS NULL
        WHERE a.user_id::text = $1`,
      [id, taskId],
    );
    if (!row) throw new ApiError(404, ErrorCode.AgentNotFound, `${id} is not an agent (a user with the agent role and a profile)`);
    return { skills: row.skills, queues: row.queues, presence: row.presence, capacity: row.capacity, load: row.load };
  }
}
