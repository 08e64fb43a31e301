import { useEffect, useReducer, useState } from 'react';
import type { DeskEvent } from '@baton/contracts';
import { eventStreamUrl } from '../api/api-client';
import { deskReducer, emptyDesk } from './desk-tasks';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * The live list of tasks the agent may see, from GET /desk/events: on (re)connecting the stream sends
 * every visible task, then each change as it happens.
 */
export function useDeskEvents(me: string) {
  const [state, dispatch] = useReducer(deskReducer, me, emptyDesk);
  const [stream, setStream] = useState<StreamState>('connecting');

  useEffect(() => {
    const source = new EventSource(eventStreamUrl('/desk/events'));
    source.addEventListener('open', () => {
      dispatch({ type: 'reset' });
      setStream('live');
    });
    source.addEventListener('error', () => setStream('reconnecting'));
    source.addEventListener('task', (event) => dispatch({ type: 'task', task: (JSON.parse((event as MessageEvent).data) as DeskEvent).task }));
    return () => source.close();
  }, []);

  return { state, dispatch, stream };
}
