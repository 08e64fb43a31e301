import { Pencil } from 'lucide-react';
import type { AgentView } from '@baton/contracts';

/** Every agent's settings, each with an Edit button that names the agent. */
export function AgentSettingsTable({ agents, onEdit }: { agents: AgentView[]; onEdit(agent: AgentView): void }) {
  if (agents.length === 0) return <p className="muted">No agents yet: an admin gives a user the agent role.</p>;
  return (
    <table className="flow-table supervisor-table" aria-label="Agent settings">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Skills</th>
          <th scope="col">Queues</th>
          <th scope="col" className="number">
            Capacity
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.id} data-agent={agent.id}>
            <th scope="row">
              {agent.name}
              <div className="muted small">{agent.email}</div>
            </th>
            <td>{agent.skills.length === 0 ? <span className="muted">—</span> : agent.skills.join(', ')}</td>
            <td>{agent.queues.length === 0 ? <span className="muted">all</span> : agent.queues.join(', ')}</td>
            <td className="number">{agent.capacity}</td>
            <td>
              <button type="button" className="button-secondary small" onClick={() => onEdit(agent)} aria-label={`Edit ${agent.name}`}>
                <Pencil size={14} aria-hidden="true" /> Edit
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
