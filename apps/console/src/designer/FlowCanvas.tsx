import { useLayoutEffect, useRef, useState } from 'react';
import {
  Background,
  Controls,
  type EdgeChange,
  type IsValidConnection,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  type OnBeforeDelete,
  type OnConnect,
  type OnConnectEnd,
  ReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type CanvasEdge, type CanvasNode, NODE_WIDTH } from './canvas-model';
import { NodeCard } from './NodeCard';

/** Node types at module scope, so React Flow never sees a new object. */
const NODE_TYPES: NodeTypes = { flow: NodeCard };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.2 };
const MIN_ZOOM = 0.05;
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
/** Above this many nodes only what is in view is rendered (xyflow's guidance for large graphs). */
const LARGE_FLOW = 150;

/**
 * The viewport that fits every node, from positions and (estimated or measured) sizes, like React
 * Flow's fitView but known before the first render: a large flow is drawn once, already at the zoom
 * it is shown at (compact cards when zoomed far out), instead of drawn at 100% and then refitted.
 */
export function fittedViewport(nodes: CanvasNode[], width: number, height: number): Viewport {
  if (!nodes.length || !width || !height) return { x: 0, y: 0, zoom: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + (node.measured?.width ?? node.initialWidth ?? NODE_WIDTH));
    maxY = Math.max(maxY, node.position.y + (node.measured?.height ?? node.initialHeight ?? 120));
  }
  const { padding, maxZoom } = FIT_VIEW_OPTIONS;
  const zoom = Math.max(MIN_ZOOM, Math.min(maxZoom, width / ((maxX - minX) * (1 + padding)), height / ((maxY - minY) * (1 + padding))));
  return { x: width / 2 - ((minX + maxX) / 2) * zoom, y: height / 2 - ((minY + maxY) / 2) * zoom, zoom };
}

const miniMapColor = (node: CanvasNode) =>
  node.className?.includes('has-problem') ? '#e03131' : node.className?.includes('trace') ? '#f59f00' : node.className?.includes('diff') ? '#2f9e44' : '#adb5bd';

export interface FlowCanvasProps {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Version view and run trace: look, select and inspect, but change nothing. */
  readOnly?: boolean;
  onNodesChange?(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange?(changes: EdgeChange<CanvasEdge>[]): void;
  onConnect?: OnConnect;
  onConnectEnd?: OnConnectEnd;
  isValidConnection?: IsValidConnection<CanvasEdge>;
  onNodeDragStart?(): void;
  onNodeClick?(): void;
  onBeforeDelete?: OnBeforeDelete<CanvasNode, CanvasEdge>;
  onDrop?(event: React.DragEvent): void;
  onInit?(): void;
}

/** The one canvas the editor, the read-only version view and the test-run trace share. */
export function FlowCanvas({
  nodes,
  edges,
  readOnly = false,
  onNodesChange,
  onEdgesChange,
  onConnect,
  onConnectEnd,
  isValidConnection,
  onNodeDragStart,
  onNodeClick,
  onBeforeDelete,
  onDrop,
  onInit,
}: FlowCanvasProps) {
  // The canvas's size is read before React Flow is first drawn, so it starts at the fitted viewport.
  const box = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const { width, height } = box.current!.getBoundingClientRect();
    setOpening(fittedViewport(nodes, width, height));
    // Only the graph it opens with decides where the canvas starts.
  }, []);
  return (
    <div
      ref={box}
      className="flow-canvas"
      onDragOver={
        readOnly
          ? undefined
          : (event) => {
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
            }
      }
      onDrop={readOnly ? undefined : onDrop}
    >
      {opening && (
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={readOnly ? undefined : onConnect}
          onConnectEnd={readOnly ? undefined : onConnectEnd}
          isValidConnection={isValidConnection}
          onNodeDragStart={onNodeDragStart}
          onNodeClick={onNodeClick}
          onBeforeDelete={onBeforeDelete}
          onInit={onInit}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          selectionKeyCode="Shift"
          onlyRenderVisibleElements={nodes.length > LARGE_FLOW}
          defaultViewport={opening}
          minZoom={MIN_ZOOM}
        >
          <Background gap={24} />
          <MiniMap<CanvasNode> pannable zoomable nodeColor={miniMapColor} ariaLabel="Minimap" />
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        </ReactFlow>
      )}
    </div>
  );
}
