import { ApiRequestError } from '../api/api-client';
import { AgentsTable } from '../supervisor/AgentsTable';
import { QueuesTable } from '../supervisor/QueuesTable';
import { SupervisorNav } from '../supervisor/SupervisorNav';
import { useOverview } from '../supervisor/use-overview';
import { RequireToken } from '../ui/RequireToken';
import '../desk/desk.css';

/** Queues and agents at a glance, refreshed every few seconds: for people with the supervisor role. */
export function SupervisorPage() {
  return (
    <RequireToken role="supervisor">
      <Overview />
    </RequireToken>
  );
}

function Overview() {
  const { overview, error } = useOverview();
  if (error instanceof ApiRequestError && error.status === 401) return <RequireToken reason="Your session has ended; sign in again.">{null}</RequireToken>;
  return (
    <section className="supervisor-page">
      <header className="page-header">
        <SupervisorNav />
        <h1>Supervisor view</h1>
        <p className="muted">
          Queues and agents now{overview && <>, as of {new Date(overview.at).toLocaleTimeString()}</>}. Updates every few seconds.
        </p>
      </header>
      {error !== null && <p className="notice error">{(error as Error).message}</p>}
      {!overview && error === null && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {overview && (
        <>
          <h2>Queues</h2>
          <QueuesTable queues={overview.queues} windowHours={overview.slaWindowHours} />
          <h2>Agents</h2>
          <AgentsTable agents={overview.agents} now={Date.parse(overview.at)} />
        </>
      )}
    </section>
  );
}
