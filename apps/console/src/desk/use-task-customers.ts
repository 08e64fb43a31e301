import { useEffect, useRef, useState } from 'react';
import { deskApi } from '../api/desk-api';

/** The customer behind each conversation (tasks do not carry it), read once per conversation. */
export function useTaskCustomers(conversationIds: readonly string[]): Readonly<Record<string, string>> {
  const [customers, setCustomers] = useState<Record<string, string>>({});
  const asked = useRef(new Set<string>());
  const key = [...new Set(conversationIds)].sort().join(',');

  useEffect(() => {
    for (const id of key ? key.split(',') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      deskApi.conversation(id).then(
        (view) => setCustomers((known) => ({ ...known, [id]: view.customerId })),
        () => asked.current.delete(id),
      );
    }
  }, [key]);

  return customers;
}
