import { isNodeType, nodeDefinition, portsOf } from '../catalog/node-catalog';

/**
 * Pure graph rules over a flow's nodes and edges, shared by the validator, the compiler and the
 * designer's `isValidConnection`. They accept half-built graphs (as on a canvas) and never throw.
 */
export interface GraphNode {
  id: string;
  type: string;
  config?: unknown;
}
export interface GraphEdge {
  id?: string;
  source: string;
  sourcePort: string;
  target: string;
}
export interface Graph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** True when a node of this type pauses for time or for the customer, so a loop through it is safe. */
export const isWaitingNode = (type: string): boolean => isNodeType(type) && nodeDefinition(type).waits === 'time_or_customer';

const successors = (graph: Graph): Map<string, string[]> => {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const next = new Map<string, string[]>();
  for (const node of graph.nodes) next.set(node.id, []);
  for (const edge of graph.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) next.get(edge.source)!.push(edge.target);
  }
  return next;
};

/** Ids of the nodes reachable from `from` (inclusive), following edges. */
export const reachableFrom = (graph: Graph, from: readonly string[]): Set<string> => {
  const next = successors(graph);
  const seen = new Set<string>();
  const stack = from.filter((id) => next.has(id));
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const target of next.get(id) ?? []) if (!seen.has(target)) stack.push(target);
  }
  return seen;
};

/**
 * Cycles that pass no waiting node (wait, wait_for_reply, collect, survey, escalate): such a loop
 * could run without a customer turn or a timer. Returns each loop's node ids, sorted.
 */
export const loopsWithoutWait = (graph: Graph): string[][] => {
  const types = new Map(graph.nodes.map((node) => [node.id, node.type]));
  const active: Graph = {
    nodes: graph.nodes.filter((node) => !isWaitingNode(node.type)),
    edges: graph.edges.filter((edge) => !isWaitingNode(types.get(edge.source) ?? '') && !isWaitingNode(types.get(edge.target) ?? '')),
  };
  const next = successors(active);
  // Tarjan's strongly connected components, iterative so huge graphs cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; i: number }[] = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.id)!;
      if (frame.i < targets.length) {
        const target = targets[frame.i++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        const selfLoop = component.length === 1 && targets.includes(frame.id);
        if (component.length > 1 || selfLoop) loops.push(component.sort());
      }
    }
  }
  return loops.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
};

export type ConnectionRefusal =
  | 'source_missing'
  | 'target_missing'
  | 'unknown_port'
  | 'port_in_use'
  | 'edge_into_start'
  | 'loop_without_wait';

export type ConnectionCheck = { ok: true } | { ok: false; code: ConnectionRefusal; message: string };

/**
 * Whether an edge from `source`'s `port` to `target` may be drawn: both nodes exist, the port is
 * one of the source's, it is free (one edge per port), the target is not a start node, and the new
 * edge closes no loop without a wait. For the canvas's isValidConnection.
 */
export const canConnect = (graph: Graph, source: string, port: string, target: string): ConnectionCheck => {
  const from = graph.nodes.find((node) => node.id === source);
  const to = graph.nodes.find((node) => node.id === target);
  if (!from) return { ok: false, code: 'source_missing', message: `There is no node "${source}"` };
  if (!to) return { ok: false, code: 'target_missing', message: `There is no node "${target}"` };
  if (!isNodeType(from.type) || !portsOf(from.type, from.config).some((p) => p.name === port)) {
    return { ok: false, code: 'unknown_port', message: `"${source}" has no output "${port}"` };
  }
  if (graph.edges.some((edge) => edge.source === source && edge.sourcePort === port)) {
    return { ok: false, code: 'port_in_use', message: `Output "${port}" of "${source}" is already connected` };
  }
  if (to.type === 'start') return { ok: false, code: 'edge_into_start', message: 'Nothing can lead back into the start node' };
  const before = new Set(loopsWithoutWait(graph).map((loop) => loop.join(',')));
  const after = loopsWithoutWait({ nodes: graph.nodes, edges: [...graph.edges, { source, sourcePort: port, target }] });
  const created = after.find((loop) => !before.has(loop.join(',')) && loop.includes(source));
  if (created) {
    return {
      ok: false,
      code: 'loop_without_wait',
      message: `This would make a loop (${created.join(' -> ')}) that never waits for the customer or a timer`,
    };
  }
  return { ok: true };
};
