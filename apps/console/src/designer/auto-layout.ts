import { Graph, layout } from '@dagrejs/dagre';
import type { CanvasGraph, CanvasNode } from './canvas-model';

const FALLBACK_SIZE = { width: 240, height: 120 };

/**
 * Arranges the graph left to right in layers (dagre), keeping each node's measured size so cards
 * do not overlap. Returns new nodes; edges are unchanged.
 */
export function autoArrange(graph: CanvasGraph): CanvasNode[] {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: node.measured?.width ?? FALLBACK_SIZE.width, height: node.measured?.height ?? FALLBACK_SIZE.height });
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target, {}, edge.id);
  layout(g);
  return graph.nodes.map((node) => {
    const placed = g.node(node.id);
    const width = node.measured?.width ?? FALLBACK_SIZE.width;
    const height = node.measured?.height ?? FALLBACK_SIZE.height;
    return { ...node, position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) } };
  });
}
