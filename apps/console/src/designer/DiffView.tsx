import type { FieldChange, FlowDiff } from '@baton/flow';

export interface DiffViewProps {
  diff: FlowDiff;
  /** What the two sides are, e.g. "version 3" and "this draft". */
  fromLabel: string;
  toLabel: string;
  onSelectNode?(nodeId: string): void;
}

const show = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Position-only changes are layout, not behaviour: counted, not listed field by field. */
const isLayout = (change: FieldChange) => change.path.startsWith('position.');

function Changes({ changes }: { changes: FieldChange[] }) {
  const shown = changes.filter((change) => !isLayout(change));
  const moved = shown.length < changes.length;
  return (
    <table className="diff-changes">
      <tbody>
        {shown.map((change) => (
          <tr key={change.path}>
            <th scope="row">{change.path}</th>
            <td className="diff-before">{show(change.before)}</td>
            <td className="diff-arrow" aria-hidden="true">
              →
            </td>
            <td className="diff-after">{show(change.after)}</td>
          </tr>
        ))}
        {moved && (
          <tr>
            <th scope="row">position</th>
            <td colSpan={3} className="muted">
              moved on the canvas
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A flow diff as a reviewer reads it: nodes and connections added, removed and changed. */
export function DiffView({ diff, fromLabel, toLabel, onSelectNode }: DiffViewProps) {
  if (diff.identical) {
    return (
      <p className="empty-state" data-testid="diff-identical">
        No differences between {fromLabel} and {toLabel}.
      </p>
    );
  }
  const nodeButton = (id: string) =>
    onSelectNode ? (
      <button type="button" className="link-button" onClick={() => onSelectNode(id)}>
        {id}
      </button>
    ) : (
      id
    );
  return (
    <div className="diff-view" aria-label={`Changes from ${fromLabel} to ${toLabel}`}>
      <p className="muted small">
        From {fromLabel} to {toLabel}: {diff.nodes.added.length} node(s) added, {diff.nodes.removed.length} removed, {diff.nodes.changed.length}{' '}
        changed; {diff.edges.added.length} connection(s) added, {diff.edges.removed.length} removed.
      </p>
      {diff.flow.length > 0 && (
        <section>
          <h3>Flow settings</h3>
          <Changes changes={diff.flow} />
        </section>
      )}
      {diff.nodes.added.length > 0 && (
        <section>
          <h3>Nodes added</h3>
          <ul className="diff-list diff-added">
            {diff.nodes.added.map((id) => (
              <li key={id}>+ {nodeButton(id)}</li>
            ))}
          </ul>
        </section>
      )}
      {diff.nodes.removed.length > 0 && (
        <section>
          <h3>Nodes removed</h3>
          <ul className="diff-list diff-removed">
            {diff.nodes.removed.map((id) => (
              <li key={id}>− {id}</li>
            ))}
          </ul>
        </section>
      )}
      {diff.nodes.changed.length > 0 && (
        <section>
          <h3>Nodes changed</h3>
          <ul className="diff-list diff-changed">
            {diff.nodes.changed.map((change) => (
              <li key={change.id}>
                ~ {nodeButton(change.id)} <span className="muted small">({change.type})</span>
                <Changes changes={change.changes} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {(diff.edges.added.length > 0 || diff.edges.removed.length > 0) && (
        <section>
          <h3>Connections</h3>
          <ul className="diff-list">
            {diff.edges.added.map((id) => (
              <li key={`+${id}`} className="diff-added">
                + {id}
              </li>
            ))}
            {diff.edges.removed.map((id) => (
              <li key={`-${id}`} className="diff-removed">
                − {id}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
