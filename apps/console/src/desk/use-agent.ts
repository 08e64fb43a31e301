import { useCallback, useEffect, useState } from 'react';
import type { AgentView, Presence } from '@baton/contracts';
import { deskApi } from '../api/desk-api';

/** The signed-in agent's profile and presence; changing presence answers with the updated profile. */
export function useAgent() {
  const [agent, setAgent] = useState<AgentView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    deskApi.me().then(setAgent, setError);
  }, []);

  const setPresence = useCallback(async (presence: Presence) => {
    try {
      setAgent(await deskApi.setPresence(presence));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  return { agent, error, setPresence };
}
