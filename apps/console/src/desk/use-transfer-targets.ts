import { useEffect, useState } from 'react';
import type { AgentView, QueueView } from '@baton/contracts';
import { deskApi } from '../api/desk-api';

/** Where a task can go: every queue, and (for those allowed to list agents: supervisors) the other agents. */
export function useTransferTargets(me: string, listAgents: boolean) {
  const [queues, setQueues] = useState<QueueView[]>([]);
  const [agents, setAgents] = useState<AgentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    deskApi.queues().then(setQueues, (caught: Error) => setError(caught.message));
    if (listAgents) deskApi.agents().then((list) => setAgents(list.filter((agent) => agent.id !== me)), (caught: Error) => setError(caught.message));
  }, [me, listAgents]);
  return { queues, agents, error };
}
