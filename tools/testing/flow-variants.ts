/** Flow variants for tests, published through the API as ops staff would publish them. */

export type FlowDocument = { nodes: { id: string; type: string; config: Record<string, unknown> }[] } & Record<string, unknown>;

interface ApiTarget {
  apiUrl: string;
  apiToken: string;
}

const call = async (target: ApiTarget, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${target.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.apiToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
};

/** Opening hours that never close (the business_hours node's overnight rule: 00:00 to 00:00 every day). */
export const ALWAYS_OPEN = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, open: '00:00', close: '00:00' }));

/** Sets the weekly hours of every business_hours node and clears the holidays. */
export const setOpeningHours = (flow: FlowDocument, weekly: { day: string; open: string; close: string }[]) => {
  for (const node of flow.nodes) if (node.type === 'business_hours') Object.assign(node.config, { weekly, holidays: [] });
};

/**
 * Publishes `change(published content of from)`: as a new version of `from`, or as the flow `as`
 * (created when missing). Answers the published version number.
 */
export async function publishFlowVariant(
  target: ApiTarget,
  { from, as = from, message, change }: { from: string; as?: string; message: string; change: (flow: FlowDocument) => void },
): Promise<number> {
  const source = await call(target, 'GET', `/flows/${from}`);
  const published = await call(target, 'GET', `/flows/${from}/versions/${source.currentVersion}`);
  const flow = structuredClone(published.content) as FlowDocument;
  change(flow);
  flow.id = as;
  if (as !== from) {
    const existing = await fetch(`${target.apiUrl}/flows/${as}`, { headers: { authorization: `Bearer ${target.apiToken}` } });
    if (existing.status === 404) await call(target, 'POST', '/flows', { name: as, kind: source.kind, flow, author: 'e2e' });
  }
  const draft = await call(target, 'GET', `/flows/${as}`);
  await call(target, 'PUT', `/flows/${as}/draft`, { flow, baseRevision: draft.draftRevision, author: 'e2e' });
  const result = await call(target, 'POST', `/flows/${as}/publish`, { message, author: 'e2e' });
  return result.version.version;
}
