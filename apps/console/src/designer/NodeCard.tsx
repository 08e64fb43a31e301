import { memo } from 'react';
import { Handle, type NodeProps, Position, type ReactFlowState, useStore } from '@xyflow/react';
import { nodeDefinition, portsOf } from '@baton/flow';
import type { CanvasNode } from './canvas-model';
import { NodeIcon } from './node-icons';
import { nodeSummary } from './node-summary';

/** Below this zoom a card shows only its title and ports: the details are unreadable, and a large flow draws fast. */
const COMPACT_BELOW_ZOOM = 0.45;
const isCompact = (state: ReactFlowState) => state.transform[2] < COMPACT_BELOW_ZOOM;

/**
 * A flow node on the canvas: icon, title, its key settings, an input on the left and one output per
 * port on the right. Markers (problems, diff, test-run path) arrive as the node's class name.
 */
function NodeCardComponent({ id, data, selected }: NodeProps<CanvasNode>) {
  const definition = nodeDefinition(data.type);
  const ports = portsOf(data.type, data.config);
  const compact = useStore(isCompact);
  if (compact) {
    return (
      <div className={`node-card compact category-${definition.category}${selected ? ' selected' : ''}`}>
        {data.type !== 'start' && <Handle type="target" position={Position.Left} id="in" className="handle-in" />}
        <div className="node-card-header">{data.label || definition.title}</div>
        {ports.length > 0 && (
          <ul className="node-card-ports">
            {ports.map((port) => (
              <li key={port.name} className="node-card-port">
                <Handle type="source" position={Position.Right} id={port.name} className="handle-out" />
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const summary = nodeSummary(data.type, data.config);
  return (
    <div className={`node-card category-${definition.category}${selected ? ' selected' : ''}`}>
      {data.type !== 'start' && <Handle type="target" position={Position.Left} id="in" className="handle-in" />}
      <div className="node-card-header">
        <NodeIcon name={definition.icon} />
        <span className="node-card-title">{data.label || definition.title}</span>
      </div>
      <div className="node-card-id">{id}</div>
      {summary.length > 0 && (
        <dl className="node-card-summary">
          {summary.map(([label, value], index) => (
            <div key={index}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {ports.length > 0 && (
        <ul className="node-card-ports">
          {ports.map((port) => (
            <li key={port.name} className="node-card-port">
              <span>{port.label}</span>
              <Handle type="source" position={Position.Right} id={port.name} className="handle-out" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const NodeCard = memo(NodeCardComponent);
