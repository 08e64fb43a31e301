import { useState } from 'react';
import type { FlowDiff, Problem } from '@baton/flow';
import { DiffView } from './DiffView';

export interface ReviewPanelProps {
  diff: FlowDiff;
  currentVersion: number | null;
  problems: Problem[];
  publishing: boolean;
  onPublish(message: string): void;
  onCancel(): void;
  onSelectNode(nodeId: string): void;
}

/** The last look before publishing: what changes against the live version, a message, and publish. */
export function ReviewPanel({ diff, currentVersion, problems, publishing, onPublish, onCancel, onSelectNode }: ReviewPanelProps) {
  const [message, setMessage] = useState('');
  const blocked = problems.length > 0;
  return (
    <section className="review-panel" aria-label="Review and publish">
      <header className="panel-header">
        <h2>Review and publish</h2>
      </header>
      <DiffView diff={diff} fromLabel={currentVersion ? `version ${currentVersion} (live)` : 'nothing (first publish)'} toLabel="this draft" onSelectNode={onSelectNode} />
      {blocked && (
        <p className="notice error" role="alert">
          The draft has {problems.length} problem{problems.length === 1 ? '' : 's'}; fix {problems.length === 1 ? 'it' : 'them'} before publishing.
        </p>
      )}
      {diff.identical && currentVersion !== null && <p className="notice">Nothing to publish: the draft is what is live.</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (message.trim()) onPublish(message.trim());
        }}
      >
        <div className="field">
          <label htmlFor="publish-message">What changed and why</label>
          <textarea id="publish-message" rows={3} maxLength={2000} value={message} onChange={(event) => setMessage(event.target.value)} placeholder="e.g. Send VIP cancellations to the retention queue" />
        </div>
        <div className="button-row">
          <button type="submit" disabled={blocked || publishing || !message.trim() || (diff.identical && currentVersion !== null)}>
            {publishing ? 'Publishing…' : 'Publish'}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            Back to editing
          </button>
        </div>
      </form>
    </section>
  );
}
