import { useEffect, useState } from 'react';
import type { SupervisorOverview } from '@baton/contracts';
import { supervisorApi } from '../api/supervisor-api';

/** How often the supervisor view reads the overview again. */
export const OVERVIEW_REFRESH_MS = 5000;

/** Queues and agents now, read again every few seconds; the last good answer stays on screen through an error. */
export function useOverview() {
  const [overview, setOverview] = useState<SupervisorOverview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const next = await supervisorApi.overview();
        if (current) {
          setOverview(next);
          setError(null);
        }
      } catch (caught) {
        if (current) setError(caught);
      }
      if (current) timer = setTimeout(load, OVERVIEW_REFRESH_MS);
    };
    void load();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, []);

  return { overview, error };
}
