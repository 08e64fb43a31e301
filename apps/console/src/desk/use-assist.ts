import { useEffect, useState } from 'react';
import type { AssistView } from '@baton/contracts';
import { deskApi } from '../api/desk-api';

/**
 * The AI's help for a task (knowledge passages, a suggested reply, risk flags), asked again whenever the
 * customer writes: `lastCustomerMessageId` is the newest customer message in the open conversation.
 */
export function useAssist(taskId: string, lastCustomerMessageId: string | null) {
  const [assist, setAssist] = useState<AssistView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    deskApi.assist(taskId).then(
      (view) => current && (setAssist(view), setError(null), setLoading(false)),
      (caught: Error) => current && (setError(caught.message), setLoading(false)),
    );
    return () => {
      current = false;
    };
  }, [taskId, lastCustomerMessageId]);

  return { assist, error, loading };
}
