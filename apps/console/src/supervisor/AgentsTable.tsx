import type { AgentOverview } from '@baton/contracts';
import { formatDuration } from '../desk/sla';

/** Every agent now: presence (and since when), what they hold against their capacity, what they serve. */
export function AgentsTable({ agents, now }: { agents: AgentOverview[]; now: number }) {
  if (agents.length === 0) return <p className="muted">No agents yet: give a user the agent role.</p>;
  return (
    <table className="flow-table supervisor-table" aria-label="Agents">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Presence</th>
          <th scope="col" className="number">
            Load
          </th>
          <th scope="col">Queues</th>
          <th scope="col">Skills</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => {
          const held = agent.load.claimed + agent.load.reserved;
          return (
            <tr key={agent.id} data-agent={agent.id}>
              <th scope="row">{agent.name}</th>
              <td>
                <span className={`presence-label presence-${agent.presence}`}>{agent.presence}</span>
                <span className="muted small"> for {formatDuration(now - Date.parse(agent.presenceSince))}</span>
              </td>
              <td className={`number${held >= agent.capacity ? ' at-capacity' : ''}`} data-label="load">
                {agent.load.claimed}/{agent.capacity}
                {agent.load.reserved > 0 && <span className="muted small"> +{agent.load.reserved} offered</span>}
              </td>
              <td>{agent.queues.length === 0 ? <span className="muted">all</span> : agent.queues.join(', ')}</td>
              <td>{agent.skills.length === 0 ? <span className="muted">—</span> : agent.skills.join(', ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
