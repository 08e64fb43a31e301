import { memo, useMemo, useState } from 'react';
import { type CatalogEntry, type FlowKind, nodeCatalog, nodeDefinition, type NodeType } from '@baton/flow';
import { NodeIcon } from './node-icons';

export const NODE_DRAG_TYPE = 'application/x-baton-node';

const CATEGORY_TITLES: Record<CatalogEntry['category'], string> = {
  trigger: 'Start',
  understand: 'Understand',
  logic: 'Logic',
  respond: 'Respond',
  integrate: 'Integrate',
  data: 'Data',
  handoff: 'Hand off',
  finish: 'Finish',
};
const CATALOG = nodeCatalog();

export interface PaletteProps {
  kind: FlowKind;
  /** Adds a node where the view is centred (click or Enter, for keyboard users). */
  onAdd(type: NodeType): void;
}

/** Node types from the catalog, grouped; drag one onto the canvas, or press Enter to add it. */
export const Palette = memo(function Palette({ kind, onAdd }: PaletteProps) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const entries = CATALOG.filter(
      (entry) =>
        nodeDefinition(entry.type).kinds.includes(kind) &&
        (!needle || entry.title.toLowerCase().includes(needle) || entry.help.toLowerCase().includes(needle)),
    );
    const byCategory = new Map<CatalogEntry['category'], CatalogEntry[]>();
    for (const entry of entries) byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
    return [...byCategory];
  }, [filter, kind]);

  return (
    <nav className="palette" aria-label="Node palette">
      <input className="palette-filter" type="search" placeholder="Find a node" aria-label="Find a node" value={filter} onChange={(event) => setFilter(event.target.value)} />
      {groups.length === 0 && <p className="muted small">No node matches "{filter}".</p>}
      {groups.map(([category, entries]) => (
        <section key={category}>
          <h3>{CATEGORY_TITLES[category]}</h3>
          <ul>
            {entries.map((entry) => (
              <li key={entry.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  title={entry.help}
                  data-node-type={entry.type}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(NODE_DRAG_TYPE, entry.type);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => onAdd(entry.type)}
                >
                  <NodeIcon name={entry.icon} />
                  <span>{entry.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
});
