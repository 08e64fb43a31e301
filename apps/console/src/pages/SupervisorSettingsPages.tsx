import { useState } from 'react';
import { Plus } from 'lucide-react';
import type { AgentProfile, AgentView, QueueView } from '@baton/contracts';
import { supervisorApi } from '../api/supervisor-api';
import { AgentProfileForm } from '../supervisor/AgentProfileForm';
import { AgentSettingsTable } from '../supervisor/AgentSettingsTable';
import { QueueForm } from '../supervisor/QueueForm';
import { QueueSettingsTable } from '../supervisor/QueueSettingsTable';
import { SupervisorNav } from '../supervisor/SupervisorNav';
import { RequireToken } from '../ui/RequireToken';
import { SessionEnded, sessionEnded } from '../ui/SessionEnded';
import { useApiList } from '../ui/use-api-list';
import '../campaigns/campaigns.css';
import '../desk/desk.css';
import '../supervisor/supervisor.css';

function Header({ title, intro }: { title: string; intro: string }) {
  return (
    <header className="page-header">
      <SupervisorNav />
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
    </header>
  );
}

function Notices({ error, notice }: { error: unknown; notice: string | null }) {
  return (
    <>
      {error !== null && (
        <p className="notice error" role="alert">
          {(error as Error).message}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

/** Agents' skills, queues and capacity, for supervisors. */
export function SupervisorAgentsPage() {
  return (
    <RequireToken role="supervisor">
      <AgentSettings />
    </RequireToken>
  );
}

/** Queues' mode, skills, priority, service levels and business hours, for supervisors. */
export function SupervisorQueuesPage() {
  return (
    <RequireToken role="supervisor">
      <QueueSettingsPage />
    </RequireToken>
  );
}

function AgentSettings() {
  const agents = useApiList(supervisorApi.agents);
  const queues = useApiList(supervisorApi.queues);
  const [editing, setEditing] = useState<AgentView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = agents.error ?? queues.error;
  if (sessionEnded(error)) return <SessionEnded />;
  const save = async (agent: AgentView, profile: AgentProfile) => {
    await supervisorApi.setAgent(agent.id, profile);
    setEditing(null);
    setNotice(`Saved ${agent.name}.`);
    await agents.reload();
  };
  return (
    <section className="supervisor-settings">
      <Header title="Agents" intro="What each agent can take: their skills, the queues they serve and how many tasks they hold at once. Admins give people the agent role." />
      <Notices error={error} notice={notice} />
      {agents.items ? (
        <AgentSettingsTable agents={agents.items} onEdit={(agent) => (setEditing(agent), setNotice(null))} />
      ) : (
        error === null && (
          <p className="muted" role="status">
            Loading agents…
          </p>
        )
      )}
      {editing && queues.items && (
        <section className="campaign-panel" aria-labelledby="agent-edit-heading">
          <h2 id="agent-edit-heading">{editing.name}</h2>
          <AgentProfileForm key={editing.id} agent={editing} queues={queues.items} save={(profile) => save(editing, profile)} onCancel={() => setEditing(null)} />
        </section>
      )}
    </section>
  );
}

function QueueSettingsPage() {
  const queues = useApiList(supervisorApi.queues);
  const [editing, setEditing] = useState<QueueView | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (sessionEnded(queues.error)) return <SessionEnded />;
  const open = (queue: QueueView | 'new') => {
    setEditing(queue);
    setNotice(null);
    queues.setError(null);
  };
  const remove = async (queue: QueueView) => {
    await supervisorApi.removeQueue(queue.name);
    setNotice(`Deleted ${queue.name}.`);
    if (editing !== 'new' && editing?.name === queue.name) setEditing(null);
    await queues.reload();
  };
  const saved = (queue: QueueView) => {
    setNotice(`${editing === 'new' ? 'Created' : 'Saved'} ${queue.name}.`);
    setEditing(null);
    void queues.reload();
  };
  const current = editing === 'new' ? null : editing;
  return (
    <section className="supervisor-settings">
      <Header title="Queues" intro="Where escalations wait: pulled from the list or pushed to one agent at a time, with skills, priority, service levels and business hours." />
      <Notices error={queues.error} notice={notice} />
      {queues.items ? (
        <QueueSettingsTable queues={queues.items} onEdit={open} remove={remove} onError={queues.setError} />
      ) : (
        queues.error === null && (
          <p className="muted" role="status">
            Loading queues…
          </p>
        )
      )}
      {editing ? (
        <section className="campaign-panel" aria-labelledby="queue-edit-heading">
          <h2 id="queue-edit-heading">{current ? `Queue ${current.name}` : 'New queue'}</h2>
          <QueueForm
            key={current?.name ?? 'new'}
            queue={current}
            taken={queues.items?.map((queue) => queue.name) ?? []}
            save={supervisorApi.putQueue}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => open('new')}>
            <Plus size={16} aria-hidden="true" /> New queue
          </button>
        </div>
      )}
    </section>
  );
}
