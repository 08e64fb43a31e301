import type { Edge, Node } from '@xyflow/react';
import { edgeId, type FlowInput, type FlowKind, type FlowVariable, type NodeType, portsOf } from '@baton/flow';
import { nodeSummary } from './node-summary';

/** What a canvas node carries: only the flow node's serialisable domain data. */
export type FlowNodeData = {
  type: NodeType;
  label?: string;
  config: Record<string, unknown>;
};
export type CanvasNode = Node<FlowNodeData, 'flow'>;
export type CanvasEdge = Edge;

/** The parts of a flow that are not on the canvas. */
export interface FlowMeta {
  id: string;
  name: string;
  kind: FlowKind;
  description?: string;
  variables: FlowVariable[];
}

export interface CanvasGraph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

interface DocumentNode {
  id: string;
  type: NodeType;
  label?: string;
  position?: { x: number; y: number };
  config?: Record<string, unknown>;
}
interface DocumentEdge {
  source: string;
  sourcePort: string;
  target: string;
}

/** Width of a node card (CSS `.node-card`). */
export const NODE_WIDTH = 220;

/**
 * The size a node card will have, estimated from its summary lines and ports. Given to React Flow as
 * the initial size, a large flow is laid out and shown in one pass instead of waiting to measure
 * every card first; the measured size replaces it a frame later.
 */
export function estimatedSize(type: NodeType, config: Record<string, unknown>): { initialWidth: number; initialHeight: number } {
  const lines = nodeSummary(type, config).length;
  const ports = portsOf(type, config).length;
  return { initialWidth: NODE_WIDTH, initialHeight: 44 + (lines ? 5 + 17 * lines : 0) + (ports ? 7 + 19 * ports : 0) };
}

export const toCanvasEdge = (source: string, port: string, target: string): CanvasEdge => ({
  id: edgeId(source, port, target),
  source,
  sourceHandle: port,
  target,
  targetHandle: 'in',
});

/** A flow document (as the API stores drafts and versions) to its metadata and canvas graph. */
export function flowToCanvas(document: Record<string, unknown>): { meta: FlowMeta; graph: CanvasGraph } {
  const flow = document as unknown as Partial<FlowInput> & { nodes?: DocumentNode[]; edges?: DocumentEdge[] };
  const meta: FlowMeta = {
    id: String(flow.id ?? ''),
    name: String(flow.name ?? flow.id ?? ''),
    kind: flow.kind === 'outreach' ? 'outreach' : 'conversation',
    ...(flow.description !== undefined ? { description: flow.description } : {}),
    variables: (flow.variables ?? []) as FlowVariable[],
  };
  const nodes: CanvasNode[] = (flow.nodes ?? []).map((node) => ({
    id: node.id,
    type: 'flow',
    position: node.position ?? { x: 0, y: 0 },
    ...estimatedSize(node.type, node.config ?? {}),
    data: { type: node.type, ...(node.label !== undefined ? { label: node.label } : {}), config: node.config ?? {} },
  }));
  const edges = (flow.edges ?? []).map((edge) => toCanvasEdge(edge.source, edge.sourcePort, edge.target));
  return { meta, graph: { nodes, edges } };
}

/** The canvas back to a flow document; edge ids are derived from source, port and target. */
export function canvasToFlow(meta: FlowMeta, graph: CanvasGraph): FlowInput {
  return {
    id: meta.id,
    name: meta.name,
    kind: meta.kind,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    variables: meta.variables,
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.data.type,
      ...(node.data.label ? { label: node.data.label } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
    })),
    edges: graph.edges.map((edge) => {
      const port = edge.sourceHandle ?? 'next';
      return { id: edgeId(edge.source, port, edge.target), source: edge.source, sourcePort: port, target: edge.target };
    }),
  } as FlowInput;
}

/** The graph as the pure graph rules read it (for isValidConnection). */
export const graphRulesView = (graph: CanvasGraph) => ({
  nodes: graph.nodes.map((node) => ({ id: node.id, type: node.data.type, config: node.data.config })),
  edges: graph.edges.map((edge) => ({ source: edge.source, sourcePort: edge.sourceHandle ?? 'next', target: edge.target })),
});

/** An id for a new node of `type` that no node in `taken` has: `escalate-2`. */
export function newNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  const base = type.replace(/_/g, '-');
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Default config of a new node: what the palette drops. */
export function defaultConfig(type: NodeType, kind: FlowKind): Record<string, unknown> {
  switch (type) {
    case 'start':
      return { trigger: kind === 'conversation' ? 'conversation' : 'event' };
    case 'condition':
      return { expression: 'signals.sentiment < -0.5' };
    case 'switch':
      return { cases: [{ port: 'case-1', label: 'Case 1', when: 'signals.intent == "order_status"' }] };
    case 'ai_reply':
      return { source: 'knowledge_base', knowledgeBase: 'faq' };
    case 'action':
      return { method: 'GET', url: 'https://example.com/api' };
    case 'collect':
      return { variable: 'answer', prompt: 'What is your order number?' };
    case 'send':
      return { text: 'Thanks, one moment.' };
    case 'wait':
      return { seconds: 60 };
    case 'business_hours':
      return { timeZone: 'Europe/Berlin' };
    case 'escalate':
      return { queue: '', priority: 'normal' };
    case 'survey':
      return { question: 'How did we do, from 1 to 5?' };
    case 'set_variable':
      return { assignments: [{ variable: 'flag', expression: 'true' }] };
    case 'subflow':
      return { flowId: '' };
    case 'end':
      return { outcome: kind === 'conversation' ? 'resolved' : 'no_action' };
    default:
      return {};
  }
}
