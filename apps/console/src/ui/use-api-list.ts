import { useCallback, useEffect, useState } from 'react';

/** A list the API answers, read on mount and again on `reload`; the last good answer stays through an error. */
export function useApiList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setItems(await load());
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, error, reload, setError };
}
