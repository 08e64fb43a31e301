import { memo } from 'react';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import type { Problem } from '@baton/flow';

export interface ValidationPanelProps {
  /** Null until the flow has been checked once. */
  problems: Problem[] | null;
  /** True while a check of the latest change is pending. */
  checking?: boolean;
  onSelectNode(nodeId: string): void;
}

/** Every problem of the flow, live; a problem that names a node selects it when clicked. */
export const ValidationPanel = memo(function ValidationPanel({ problems, checking = false, onSelectNode }: ValidationPanelProps) {
  return (
    <section className="validation-panel" aria-label="Validation">
      <header className="panel-header">
        <h2>Validation</h2>
        {problems && (
          <span className={`badge ${problems.length ? 'badge-danger' : 'badge-success'}`} data-testid="problem-count">
            {problems.length === 0 ? 'Valid' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
          </span>
        )}
        {checking && <span className="muted small">checking…</span>}
      </header>
      {!problems ? (
        <p className="muted small" role="status">
          Checking the flow…
        </p>
      ) : problems.length === 0 ? (
        <p className="empty-state small">
          <CircleCheck size={16} aria-hidden="true" /> The flow is valid and can be published.
        </p>
      ) : (
        <ul className="problem-list">
          {problems.map((problem, index) => (
            <li key={`${problem.code}-${problem.nodeId ?? problem.edgeId ?? ''}-${problem.field ?? ''}-${index}`}>
              {problem.nodeId ? (
                <button type="button" className="problem" onClick={() => onSelectNode(problem.nodeId!)}>
                  <TriangleAlert size={14} aria-hidden="true" />
                  <span className="problem-node">{problem.nodeId}</span>
                  <span className="problem-message">{problem.message}</span>
                </button>
              ) : (
                <div className="problem">
                  <TriangleAlert size={14} aria-hidden="true" />
                  <span className="problem-message">{problem.message}</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
