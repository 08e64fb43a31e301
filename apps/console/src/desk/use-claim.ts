import { useCallback, useState } from 'react';
import type { TaskView } from '@baton/contracts';
import { ApiRequestError } from '../api/api-client';
import { deskApi } from '../api/desk-api';
import { claimRefusal } from './claim-refusals';
import type { DeskAction } from './desk-tasks';

/** How often a claim answered "busy, retry" is tried again, and how long to wait at first. */
const BUSY_RETRIES = 3;
const BUSY_BACKOFF_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ClaimNotice {
  taskId: string;
  message: string;
}

/**
 * Claims (or accepts an offered) task: exactly one agent wins. A win shows the task at once; a refusal
 * is explained, and when the task went to someone else its row goes.
 */
export function useClaim(dispatch: (action: DeskAction) => void, onWon: (taskId: string) => void) {
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<ClaimNotice | null>(null);

  const claim = useCallback(
    async (task: TaskView) => {
      setPending(task.id);
      setNotice(null);
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await deskApi.claim(task.id);
            dispatch({ type: 'claimed', taskId: task.id, at: new Date().toISOString() });
            onWon(task.id);
            return;
          } catch (error) {
            if (error instanceof ApiRequestError && error.code === 'BUSY_RETRY' && attempt < BUSY_RETRIES) await sleep(BUSY_BACKOFF_MS * 2 ** attempt);
            else throw error;
          }
        }
      } catch (error) {
        const refusal = error instanceof ApiRequestError ? claimRefusal(error.code, error.message) : { message: (error as Error).message, taskGone: false };
        setNotice({ taskId: task.id, message: `Could not claim the ${task.queue} task: ${refusal.message}` });
        if (refusal.taskGone) dispatch({ type: 'gone', taskId: task.id });
      } finally {
        setPending(null);
      }
    },
    [dispatch, onWon],
  );

  return { claim, pending, notice, dismiss: () => setNotice(null) };
}
