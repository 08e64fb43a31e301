import type { FlowVersionView } from '@baton/contracts';

export interface VersionsPanelProps {
  versions: FlowVersionView[] | null;
  error: string | null;
  currentVersion: number | null;
  viewing: number | null;
  busy: boolean;
  onOpen(version: number): void;
  onRollback(version: number): void;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** Published versions, newest first: open one read-only, or make its content live again. */
export function VersionsPanel({ versions, error, currentVersion, viewing, busy, onOpen, onRollback }: VersionsPanelProps) {
  return (
    <section className="versions-panel" aria-label="Version history">
      <header className="panel-header">
        <h2>Version history</h2>
      </header>
      {error && <p className="notice error">{error}</p>}
      {!versions && !error && <p className="muted">Loading versions…</p>}
      {versions?.length === 0 && <p className="empty-state">Nothing published yet. Review and publish the draft to make version 1.</p>}
      <ol className="version-list">
        {versions?.map((version) => (
          <li key={version.version} className={version.version === viewing ? 'viewing' : undefined} data-version={version.version}>
            <div className="version-title">
              <strong>Version {version.version}</strong>
              {version.version === currentVersion && <span className="badge badge-success">live</span>}
              {version.rollbackOf !== null && <span className="badge">rollback of {version.rollbackOf}</span>}
            </div>
            <div className="small">{version.message}</div>
            <div className="muted small">
              {version.author}, {when(version.createdAt)}
            </div>
            <div className="button-row">
              <button type="button" className="button-secondary small" onClick={() => onOpen(version.version)} aria-label={`Open version ${version.version}`}>
                Open
              </button>
              {version.version !== currentVersion && (
                <button type="button" className="button-secondary small" disabled={busy} onClick={() => onRollback(version.version)} aria-label={`Roll back to version ${version.version}`}>
                  Roll back to this
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
