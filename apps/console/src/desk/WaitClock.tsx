import type { TaskView } from '@baton/contracts';
import { claimClock } from './sla';

/** How long a task has waited and where it stands against its claim service level; red once past due. */
export function WaitClock({ task, now }: { task: Pick<TaskView, 'createdAt' | 'sla'>; now: number }) {
  const clock = claimClock(task, now);
  return (
    <span className={`wait-clock${clock.overdue ? ' overdue' : ''}`} data-overdue={clock.overdue}>
      {clock.waited}
      {clock.sla && <span className="small"> · SLA {clock.sla}</span>}
    </span>
  );
}
