import type { Flow, FlowInput } from '../model/flow.schema';
import { sha256 } from './sha256';

/**
 * The flow file format: fixed key order, nodes and edges sorted by id, positions kept, two-space
 * indentation and a final newline, so the same flow always prints the same bytes and git diffs stay
 * readable. Config keys are sorted alphabetically; list order inside config (switch cases,
 * assignments) is meaningful and kept.
 */
const FLOW_KEYS = ['id', 'name', 'kind', 'description', 'variables', 'nodes', 'edges'];
const VARIABLE_KEYS = ['name', 'type', 'default', 'description'];
const NODE_KEYS = ['id', 'type', 'label', 'position', 'config'];
const EDGE_KEYS = ['id', 'source', 'sourcePort', 'target'];
const POSITION_KEYS = ['x', 'y'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const sortedObject = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(sortedObject);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) out[key] = sortedObject(entry);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return (value ?? null) as Json;
};

const ordered = (value: Record<string, unknown>, keys: string[], inner: (key: string, entry: unknown) => Json = (_k, v) => sortedObject(v)) => {
  const out: { [key: string]: Json } = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = inner(key, value[key]);
  // Keys the format does not know are kept, after the known ones, so nothing is silently lost.
  for (const key of Object.keys(value).sort()) if (!keys.includes(key) && value[key] !== undefined) out[key] = sortedObject(value[key]);
  return out;
};

const byId = (a: unknown, b: unknown) => {
  const x = String((a as { id?: unknown })?.id ?? '');
  const y = String((b as { id?: unknown })?.id ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The flow as a plain object in canonical order (nodes and edges sorted by id). */
export const canonicalFlow = (flow: Flow | FlowInput): Record<string, Json> =>
  ordered(flow as unknown as Record<string, unknown>, FLOW_KEYS, (key, entry) => {
    if (key === 'variables' && Array.isArray(entry)) return entry.map((v) => ordered(v as Record<string, unknown>, VARIABLE_KEYS));
    if (key === 'nodes' && Array.isArray(entry)) {
      return [...entry].sort(byId).map((node) =>
        ordered(node as Record<string, unknown>, NODE_KEYS, (k, v) => (k === 'position' && v && typeof v === 'object' ? ordered(v as Record<string, unknown>, POSITION_KEYS) : sortedObject(v))),
      );
    }
    if (key === 'edges' && Array.isArray(entry)) return [...entry].sort(byId).map((edge) => ordered(edge as Record<string, unknown>, EDGE_KEYS));
    return sortedObject(entry);
  });

/** The flow file's text: canonical JSON, two-space indented, ending in a newline. */
export const serializeFlow = (flow: Flow | FlowInput): string => `${JSON.stringify(canonicalFlow(flow), null, 2)}\n`;

/** SHA-256 (hex) of the canonical text: equal for flows that differ only in key or list order. */
export const flowContentHash = (flow: Flow | FlowInput): string => sha256(serializeFlow(flow));
