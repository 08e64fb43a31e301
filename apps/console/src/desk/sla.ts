import type { TaskView } from '@baton/contracts';

const pad = (value: number) => String(value).padStart(2, '0');

/** A span of time as a person reads it: 45s, 3m 05s, 1h 02m. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${pad(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export interface ClaimClock {
  /** How long the task has waited, e.g. "3m 05s". */
  waited: string;
  /** Against the claim service level: "4m 10s left" or "1m 20s over"; null without one. */
  sla: string | null;
  overdue: boolean;
}

/** How long a task has waited to be claimed, against its claim service level, at `now`. */
export function claimClock(task: Pick<TaskView, 'createdAt' | 'sla'>, now: number): ClaimClock {
  const waited = formatDuration(now - Date.parse(task.createdAt));
  if (!task.sla.claimDueAt) return { waited, sla: null, overdue: false };
  const left = Date.parse(task.sla.claimDueAt) - now;
  return left >= 0 ? { waited, sla: `${formatDuration(left)} left`, overdue: false } : { waited, sla: `${formatDuration(-left)} over`, overdue: true };
}

/** Seconds until an offer lapses, as m:ss; 0:00 once it has. */
export function countdown(expiresAt: string | null, now: number): string {
  if (!expiresAt) return '';
  const seconds = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
}
