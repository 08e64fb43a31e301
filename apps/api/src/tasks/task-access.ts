import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/auth.decorators';
import { hasRole } from '../auth/auth.decorators';

/** What the access rule reads of a task. */
export interface TaskScope {
  queue: string;
  requiredSkills: string[];
  status: string;
  claimedBy: string | null;
  reservedFor: string | null;
}

/** What the access rule reads of an agent. */
export interface AgentScope {
  id: string;
  skills: string[];
  /** Empty: every queue. */
  queues: string[];
}

/**
 * An agent sees the tasks they hold (claimed or offered to them) and the open tasks of the queues
 * they serve that they have the skills for. Supervisors and admins see every task.
 */
export function agentMaySee(agent: AgentScope, task: TaskScope): boolean {
  if (task.claimedBy === agent.id || task.reservedFor === agent.id) return true;
  if (task.status !== 'open') return false;
  if (agent.queues.length > 0 && !agent.queues.includes(task.queue)) return false;
  return task.requiredSkills.every((skill) => agent.skills.includes(skill));
}

export const seesEveryTask = (principal: Principal): boolean => hasRole(principal, 'supervisor');

/**
 * What the caller may see as an agent: their agent profile, or null when they have none (an API
 * key, or a person who is not an agent), who then sees only tasks they hold.
 */
export async function agentScope(db: DataSource, caller: Principal): Promise<AgentScope | null> {
  if (caller.kind !== 'user') return null;
  const [agent] = await db.query(`SELECT skills, queues FROM agents WHERE user_id::text = $1`, [caller.id]);
  return agent ? { id: caller.id, skills: agent.skills, queues: agent.queues } : null;
}

/** Whether a caller with this scope (see agentScope) may see the task. */
export const scopeSees = (caller: Principal, scope: AgentScope | null, task: TaskScope): boolean =>
  scope ? agentMaySee(scope, task) : task.claimedBy === caller.id || task.reservedFor === caller.id;
