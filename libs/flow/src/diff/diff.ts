import type { Flow, FlowInput } from '../model/flow.schema';

export interface FieldChange {
  /** Path inside the node or flow, e.g. `config.sla.claimSeconds`, `position.x`. */
  path: string;
  before: unknown;
  after: unknown;
}
export interface NodeChange {
  id: string;
  type: string;
  changes: FieldChange[];
}
export interface FlowDiff {
  /** Changes to id, name, kind, description and variables. */
  flow: FieldChange[];
  nodes: { added: string[]; removed: string[]; changed: NodeChange[] };
  edges: { added: string[]; removed: string[]; changed: { id: string; changes: FieldChange[] }[] };
  /** True when nothing differs. */
  identical: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field-level differences between two JSON values; lists compare element by element. */
export const diffValues = (before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] => {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) diffValues(before[i], after[i], `${path}[${i}]`, out);
    return out;
  }
  if (before === after || (Number.isNaN(before) && Number.isNaN(after))) return out;
  out.push({ path, before: before === undefined ? null : before, after: after === undefined ? null : after });
  return out;
};

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

/** The structural diff from `before` to `after`: nodes and edges matched by id. */
export const diffFlows = (before: Flow | FlowInput, after: Flow | FlowInput): FlowDiff => {
  const { nodes: nodesA, edges: edgesA, ...restA } = before;
  const { nodes: nodesB, edges: edgesB, ...restB } = after;
  const flow = diffValues(restA, restB);
  const a = byId(nodesA as { id: string; type: string }[]);
  const b = byId(nodesB as { id: string; type: string }[]);
  const nodes: FlowDiff['nodes'] = { added: [], removed: [], changed: [] };
  for (const id of [...a.keys()].sort()) if (!b.has(id)) nodes.removed.push(id);
  for (const id of [...b.keys()].sort()) {
    const previous = a.get(id);
    if (!previous) nodes.added.push(id);
    else {
      const changes = diffValues(previous, b.get(id));
      if (changes.length) nodes.changed.push({ id, type: b.get(id)!.type, changes });
    }
  }
  const ea = byId(edgesA as { id: string }[]);
  const eb = byId(edgesB as { id: string }[]);
  const edges: FlowDiff['edges'] = { added: [], removed: [], changed: [] };
  for (const id of [...ea.keys()].sort()) if (!eb.has(id)) edges.removed.push(id);
  for (const id of [...eb.keys()].sort()) {
    const previous = ea.get(id);
    if (!previous) edges.added.push(id);
    else {
      const changes = diffValues(previous, eb.get(id));
      if (changes.length) edges.changed.push({ id, changes });
    }
  }
  const identical =
    flow.length === 0 &&
    !nodes.added.length &&
    !nodes.removed.length &&
    !nodes.changed.length &&
    !edges.added.length &&
    !edges.removed.length &&
    !edges.changed.length;
  return { flow, nodes, edges, identical };
};
