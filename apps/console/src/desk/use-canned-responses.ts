import { useEffect, useState } from 'react';
import type { CannedResponseView } from '@baton/contracts';
import { deskApi } from '../api/desk-api';

/** The canned responses offered in a queue (its own and those for every queue). */
export function useCannedResponses(queue: string): CannedResponseView[] {
  const [responses, setResponses] = useState<CannedResponseView[]>([]);
  useEffect(() => {
    let current = true;
    deskApi.cannedResponses(queue).then(
      (list) => current && setResponses(list),
      () => current && setResponses([]),
    );
    return () => {
      current = false;
    };
  }, [queue]);
  return responses;
}
