import { ApiRequestError } from '../api/api-client';
import { Desk } from '../desk/Desk';
import { useAgent } from '../desk/use-agent';
import { RequireToken } from '../ui/RequireToken';
import '../desk/desk.css';

/** Where agents take escalated conversations: sign in as someone with the agent role. */
export function DeskPage() {
  return (
    <RequireToken role="agent">
      <AgentDesk />
    </RequireToken>
  );
}

function AgentDesk() {
  const { agent, error, setPresence } = useAgent();
  if (error instanceof ApiRequestError && error.status === 401) return <RequireToken reason="Your session has ended; sign in again.">{null}</RequireToken>;
  if (!agent) {
    if (error instanceof ApiRequestError && (error.status === 404 || error.status === 403))
      return <p className="notice error">You have no agent profile, so there is no desk for you: {error.message}</p>;
    if (error !== null) return <p className="notice error">{(error as Error).message}</p>;
    return (
      <p className="muted" role="status">
        Opening your desk…
      </p>
    );
  }
  return (
    <>
      {error !== null && <p className="notice error">{(error as Error).message}</p>}
      <Desk agent={agent} onPresence={setPresence} />
    </>
  );
}
