import { History } from 'lucide-react';
import type { CampaignRunView } from '@baton/contracts';

const SKIP_REASONS: Record<string, string> = {
  opted_out: 'opted out',
  frequency_cap: 'frequency cap',
  duplicate_event: 'same event already sent',
  conversation_in_progress: 'in a conversation',
};

/** A skip reason as people read it; reasons this console does not know yet show as the API names them. */
export const skipReason = (reason: string) => SKIP_REASONS[reason] ?? reason.replace(/_/g, ' ');

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

const STATUS_TONE: Record<CampaignRunView['status'], string> = { running: '', completed: 'badge-success', failed: 'badge-danger' };

/** A campaign's runs, newest first: how much of the audience was read and what became of each member. */
export function CampaignRuns({ runs }: { runs: CampaignRunView[] }) {
  if (runs.length === 0) {
    return (
      <div className="empty-state">
        <History size={28} aria-hidden="true" />
        <p>No runs yet. The schedule starts one at the next run time, or press Run now.</p>
      </div>
    );
  }
  return (
    <table className="flow-table runs-table" aria-label="Runs">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col" className="number">
            Audience read
          </th>
          <th scope="col" className="number">
            Started
          </th>
          <th scope="col">Skipped</th>
          <th scope="col" className="number">
            Failed
          </th>
          <th scope="col">Started at</th>
          <th scope="col">Finished at</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const skipped = Object.entries(run.skipped).filter(([, count]) => count > 0);
          const skippedTotal = skipped.reduce((sum, [, count]) => sum + count, 0);
          return (
            <tr key={run.id} data-run={run.id} data-status={run.status}>
              <td>
                <span className={`badge ${STATUS_TONE[run.status]}`}>{run.status}</span>
              </td>
              <td className="number" data-label="audience">
                {run.audience}
              </td>
              <td className="number" data-label="started">
                {run.started}
              </td>
              <td data-label="skipped">
                {skippedTotal === 0 ? (
                  '0'
                ) : (
                  <>
                    {skippedTotal}
                    <ul className="skip-reasons">
                      {skipped.map(([reason, count]) => (
                        <li key={reason}>
                          {skipReason(reason)}: {count}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td className={`number${run.failed > 0 ? ' failed-count' : ''}`} data-label="failed">
                {run.failed}
              </td>
              <td>{when(run.startedAt)}</td>
              <td>{run.status === 'running' ? <span className="muted">running, updated {when(run.updatedAt)}</span> : when(run.finishedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
