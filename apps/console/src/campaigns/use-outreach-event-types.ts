import { useEffect, useState } from 'react';
import { flowsApi } from '../api/flows-api';

/**
 * The event types the published outreach flows start on (their start node's `eventName`), offered as
 * suggestions in the campaign and test-event forms. Suggestions only: when the flows cannot be read,
 * there are none and the forms still take any type.
 */
export function useOutreachEventTypes(): string[] {
  const [types, setTypes] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    const load = async () => {
      const flows = (await flowsApi.list()).filter((flow) => flow.kind === 'outreach' && flow.currentVersion !== null);
      const details = await Promise.all(flows.map((flow) => flowsApi.get(flow.name)));
      const names = details.flatMap((detail) => {
        const nodes = (detail.current?.content as { nodes?: { type: string; config?: { eventName?: unknown } }[] } | undefined)?.nodes ?? [];
        return nodes.filter((node) => node.type === 'start' && typeof node.config?.eventName === 'string').map((node) => node.config!.eventName as string);
      });
      if (current) setTypes([...new Set(names)].sort());
    };
    load().catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return types;
}
