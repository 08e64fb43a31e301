import type { QueueOverview } from '@baton/contracts';
import { formatDuration } from '../desk/sla';

const attainment = (queue: QueueOverview) =>
  queue.slaAttainment ? `${queue.slaAttainment.percent.toFixed(1)}% (${queue.slaAttainment.met} of ${queue.slaAttainment.total})` : '—';

/** Every queue now: what waits, for how long, and how the claim service level went. */
export function QueuesTable({ queues, windowHours }: { queues: QueueOverview[]; windowHours: number }) {
  if (queues.length === 0) return <p className="muted">No queues yet: a flow's escalate node or PUT /queues/:name creates one.</p>;
  return (
    <table className="flow-table supervisor-table" aria-label="Queues">
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th scope="col">Open now</th>
          <th scope="col" className="number">
            Waiting
          </th>
          <th scope="col" className="number">
            Claimed
          </th>
          <th scope="col" className="number">
            Longest wait
          </th>
          <th scope="col" className="number">
            SLA attainment ({windowHours} h)
          </th>
          <th scope="col" className="number">
            Breached now
          </th>
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => (
          <tr key={queue.name} data-queue={queue.name}>
            <th scope="row">
              {queue.title}
              <div className="muted small">
                {queue.name} · {queue.mode}
                {!queue.configured && ' · not configured'}
              </div>
            </th>
            <td>{queue.openNow ? <span className="badge badge-success">open</span> : <span className="badge badge-warning">closed</span>}</td>
            <td className="number" data-label="waiting">
              {queue.waiting}
            </td>
            <td className="number" data-label="claimed">
              {queue.claimed}
            </td>
            <td className="number" data-label="longest wait">
              {queue.longestWaitSeconds === null ? '—' : formatDuration(queue.longestWaitSeconds * 1000)}
            </td>
            <td className="number" data-label="sla attainment">
              {attainment(queue)}
            </td>
            <td className={`number${queue.breachedNow > 0 ? ' breached' : ''}`} data-label="breached now">
              {queue.breachedNow}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
