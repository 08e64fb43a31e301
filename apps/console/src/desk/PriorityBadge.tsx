import type { TaskPriority } from '@baton/contracts';

const TONES: Record<TaskPriority, string> = { urgent: 'badge-danger', high: 'badge-warning', normal: '', low: 'badge-muted' };

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return <span className={`badge ${TONES[priority]}`}>{priority}</span>;
}
