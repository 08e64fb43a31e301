import { type FormEvent, useEffect, useState } from 'react';
import { Plus, Workflow } from 'lucide-react';
import { createFlowSchema, type FlowSummary } from '@baton/contracts';
import type { FlowKind } from '@baton/flow';
import { ApiRequestError, storedAuthor } from '../api/api-client';
import { flowsApi } from '../api/flows-api';
import { RequireToken } from '../ui/RequireToken';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function draftState(flow: FlowSummary): { label: string; tone: string } {
  if (flow.currentVersion === null) return { label: 'Never published', tone: 'badge-warning' };
  return flow.hasUnpublishedChanges ? { label: 'Unpublished changes', tone: 'badge-warning' } : { label: 'Up to date', tone: 'badge-success' };
}

/** Every flow with what is live and whether its draft differs; create a new one. */
export function FlowsPage() {
  return (
    <RequireToken role="designer">
      <FlowList />
    </RequireToken>
  );
}

function FlowList() {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);

  useEffect(() => {
    flowsApi.list().then(setFlows, (caught: ApiRequestError) => setError(caught));
  }, []);

  if (error?.status === 401) return <RequireToken reason="The API refused the token; paste the current one.">{null}</RequireToken>;
  return (
    <section className="flows-page">
      <header className="page-header">
        <h1>Flows</h1>
        <p className="muted">Escalation and outreach policies. Open one to change it, test it and publish it.</p>
      </header>
      <NewFlowForm existing={flows?.map((flow) => flow.name) ?? []} />
      {error && <p className="notice error">{error.message}</p>}
      {!flows && !error && <p className="muted" role="status">Loading flows…</p>}
      {flows?.length === 0 && (
        <div className="empty-state">
          <Workflow size={28} aria-hidden="true" />
          <p>No flows yet. Create the first one above.</p>
        </div>
      )}
      {flows && flows.length > 0 && (
        <table className="flow-table">
          <thead>
            <tr>
              <th scope="col">Flow</th>
              <th scope="col">Kind</th>
              <th scope="col">Live version</th>
              <th scope="col">Last published by</th>
              <th scope="col">Draft</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => {
              const state = draftState(flow);
              return (
                <tr key={flow.name}>
                  <td>
                    <a href={`/flows/${flow.name}`}>{flow.name}</a>
                    {flow.description && <div className="muted small">{flow.description}</div>}
                  </td>
                  <td>
                    <span className="badge">{flow.kind}</span>
                  </td>
                  <td>{flow.currentVersion ?? '—'}</td>
                  <td>
                    {flow.lastPublishedBy ?? '—'}
                    <div className="muted small">{when(flow.lastPublishedAt)}</div>
                  </td>
                  <td>
                    <span className={`badge ${state.tone}`}>{state.label}</span>
                    <div className="muted small">
                      revision {flow.draftRevision} by {flow.draftUpdatedBy}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewFlowForm({ existing }: { existing: string[] }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<FlowKind>('conversation');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameCheck = createFlowSchema.shape.name.safeParse(name);
  const nameProblem = name && !nameCheck.success ? nameCheck.error.issues[0]!.message : existing.includes(name) ? 'a flow with this name exists' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name || nameProblem) return;
    setBusy(true);
    try {
      await flowsApi.create({ name, kind, author: storedAuthor() });
      window.location.assign(`/flows/${name}`);
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };
  return (
    <form className="new-flow" onSubmit={submit} aria-label="New flow">
      <div className="field">
        <label htmlFor="new-flow-name">New flow name</label>
        <input id="new-flow-name" value={name} placeholder="e.g. vip-escalation" onChange={(event) => setName(event.target.value.toLowerCase())} aria-invalid={Boolean(nameProblem)} />
        {nameProblem && <p className="field-error">Name {nameProblem}</p>}
      </div>
      <div className="field">
        <label htmlFor="new-flow-kind">Kind</label>
        <select id="new-flow-kind" value={kind} onChange={(event) => setKind(event.target.value as FlowKind)}>
          <option value="conversation">Conversation</option>
          <option value="outreach">Outreach</option>
        </select>
      </div>
      <button type="submit" disabled={!name || Boolean(nameProblem) || busy}>
        <Plus size={16} aria-hidden="true" /> Create flow
      </button>
      {error && <p className="notice error">{error}</p>}
    </form>
  );
}
