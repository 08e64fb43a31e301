import { useEffect, useState } from 'react';
import { API_URL } from '../env';

interface Health {
  status: 'ok' | 'degraded';
  temporal: { status: string; detail?: string };
  database: { status: string; detail?: string };
  worker: { status: string; detail?: string; pollers?: number };
}

/** The platform at a glance: whether each part is up, and where to go next. */
export function HomePage() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      fetch(`${API_URL}/health`)
        .then((response) => response.json() as Promise<Health>)
        .then((body) => (setHealth(body), setError(null)))
        .catch(() => setError(`The API at ${API_URL} does not answer.`));
    void load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section>
      <h1>Platform status</h1>
      {error && <p className="notice error">{error}</p>}
      {!health && !error && <p className="muted">Checking…</p>}
      {health && (
        <div className="cards">
          {(['temporal', 'database', 'worker'] as const).map((part) => (
            <div key={part} className={`card status-${health[part].status}`} data-testid={`health-${part}`}>
              <div className="card-title">{part}</div>
              <div className="card-value">{health[part].status}</div>
              {health[part].detail && <div className="muted small">{health[part].detail}</div>}
            </div>
          ))}
        </div>
      )}
      <h2>Try it</h2>
      <ul className="links">
        <li>
          <a href="/chat">Chat as a customer</a>: ask where an order is (ORD-10042), ask for a password reset, or say you
          want to cancel to see the conversation handed to a person.
        </li>
        <li>
          <a href="/desk">Agent desk</a>: sign in as an agent to see escalations arrive live, claim one, reply with the AI's
          suggestions at hand, and resolve it.
        </li>
        <li>
          <a href="/supervisor">Supervisor view</a>: every queue's waiting tasks, longest wait and SLA attainment, and every
          agent's presence and load.
        </li>
        <li>
          <a href={`${API_URL}/docs`}>API reference</a>: list tasks, claim one, reply and resolve, with the API token
          printed at start.
        </li>
      </ul>
    </section>
  );
}
