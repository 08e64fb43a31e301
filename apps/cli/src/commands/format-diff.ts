import type { FieldChange, FlowDiff } from '@baton/flow';

const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
const changeLines = (changes: FieldChange[], indent: string) =>
  changes.map((change) => `${indent}${change.path}: ${show(change.before)} -> ${show(change.after)}`);

/** A reviewer's reading of a flow diff: what was added, removed and changed, field by field. */
export function formatDiff(diff: FlowDiff): string {
  if (diff.identical) return '  no differences';
  const lines = [...changeLines(diff.flow, '  flow ')];
  for (const id of diff.nodes.added) lines.push(`  + node ${id}`);
  for (const id of diff.nodes.removed) lines.push(`  - node ${id}`);
  for (const node of diff.nodes.changed) lines.push(`  ~ node ${node.id} (${node.type})`, ...changeLines(node.changes, '      '));
  for (const id of diff.edges.added) lines.push(`  + edge ${id}`);
  for (const id of diff.edges.removed) lines.push(`  - edge ${id}`);
  for (const edge of diff.edges.changed) lines.push(`  ~ edge ${edge.id}`, ...changeLines(edge.changes, '      '));
  return lines.join('\n');
}
