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
