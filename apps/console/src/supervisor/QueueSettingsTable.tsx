import { useState } from 'react';
import { Pencil, Trash2 } from 'lucide-react';
import type { QueueView } from '@baton/contracts';
import { hoursSummary } from './queue-draft';

export interface QueueSettingsTableProps {
  queues: QueueView[];
  onEdit(queue: QueueView): void;
  remove(queue: QueueView): Promise<void>;
  onError(error: unknown): void;
}

function QueueActions({ queue, onEdit, remove, onError }: { queue: QueueView } & Omit<QueueSettingsTableProps, 'queues'>) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    if (!window.confirm(`Delete the queue ${queue.name}? Flows that name it still escalate to it, pulled and without its settings.`)) return;
    setBusy(true);
    try {
      await remove(queue);
    } catch (error) {
      onError(error);
      setBusy(false);
    }
  };
  return (
    <div className="campaign-actions" role="group" aria-label={`Actions for ${queue.name}`}>
      <button type="button" className="button-secondary small" onClick={() => onEdit(queue)} aria-label={`Edit ${queue.name}`}>
        <Pencil size={14} aria-hidden="true" /> Edit
      </button>
      <button type="button" className="button-secondary small danger" disabled={busy} onClick={click} aria-label={`Delete ${queue.name}`}>
        <Trash2 size={14} aria-hidden="true" /> Delete
      </button>
    </div>
  );
}

const slaSummary = ({ sla }: QueueView) =>
  [sla.claimSeconds && `claim ${sla.claimSeconds}s`, sla.firstReplySeconds && `reply ${sla.firstReplySeconds}s`, sla.resolveSeconds && `resolve ${sla.resolveSeconds}s`].filter(Boolean).join(', ') || '—';

/** Every configured queue's settings, with Edit and Delete. */
export function QueueSettingsTable({ queues, ...actions }: QueueSettingsTableProps) {
  if (queues.length === 0) return <p className="muted">No queues yet: create the first one below.</p>;
  return (
    <table className="flow-table supervisor-table" aria-label="Queue settings">
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th scope="col">Mode</th>
          <th scope="col">Skills</th>
          <th scope="col" className="number">
            Priority
          </th>
          <th scope="col">SLA</th>
          <th scope="col">Hours</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => (
          <tr key={queue.name} data-queue={queue.name}>
            <th scope="row">
              {queue.title}
              <div className="muted small">{queue.name}</div>
            </th>
            <td>
              {queue.mode}
              {queue.mode === 'push' && <div className="muted small">offers wait {queue.reservationSeconds}s</div>}
            </td>
            <td>{queue.requiredSkills.length === 0 ? <span className="muted">—</span> : queue.requiredSkills.join(', ')}</td>
            <td className="number">{queue.priority}</td>
            <td>{slaSummary(queue)}</td>
            <td>
              {queue.openNow ? <span className="badge badge-success">open</span> : <span className="badge badge-warning">closed</span>}
              <div className="muted small">{hoursSummary(queue)}</div>
            </td>
            <td>
              <QueueActions queue={queue} {...actions} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
