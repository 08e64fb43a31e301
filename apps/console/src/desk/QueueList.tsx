import { Hand, Inbox } from 'lucide-react';
import type { TaskView } from '@baton/contracts';
import { PriorityBadge } from './PriorityBadge';
import { WaitClock } from './WaitClock';

export interface QueueListProps {
  tasks: TaskView[];
  /** Customer id by conversation id, as far as known. */
  me: string;
  now: number;
  /** The task whose claim is under way. */
  pending: string | null;
  onClaim(task: TaskView): void;
}

/** The open tasks I may take, most pressing first, each with its wait against the claim SLA. */
export function QueueList({ tasks, me, now, pending, onClaim }: QueueListProps) {
  if (tasks.length === 0) {
    return (
      <div className="empty-state">
        <Inbox size={28} aria-hidden="true" />
        <p>Nobody is waiting. New escalations appear here as they happen.</p>
      </div>
    );
  }
  return (
    <table className="flow-table queue-table" aria-label="Waiting tasks">
      <thead>
        <tr>
          <th scope="col">Priority</th>
          <th scope="col">Queue</th>
          <th scope="col">Why escalated</th>
          <th scope="col">Customer</th>
          <th scope="col">Waiting</th>
          <th scope="col">
            <span className="visually-hidden">Claim</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} data-task={task.id}>
            <td>
              <PriorityBadge priority={task.priority} />
            </td>
            <td>{task.queue}</td>
            <td>
              {task.reason}
              {task.reservedFor === me && <span className="badge badge-success">offered to you</span>}
            </td>
            <td>{task.customerId ?? '…'}</td>
            <td>
              <WaitClock task={task} now={now} />
            </td>
            <td>
              <button type="button" className="small" disabled={pending !== null} onClick={() => onClaim(task)} aria-label={`Claim: ${task.reason} (${task.queue})`}>
                <Hand size={14} aria-hidden="true" /> {pending === task.id ? 'Claiming…' : 'Claim'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
