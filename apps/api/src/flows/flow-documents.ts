import type { FlowValidationResult, FlowKind, FlowProblem } from '@baton/contracts';
import { canonicalFlow, edgeId, type Flow, type FlowInput, flowContentHash, validateFlow } from '@baton/flow';

/**
 * Pure rules about flow documents as the API stores them: the starter draft, what publishing checks on
 * top of the flow validator, content hashes of drafts, and what a diff compares. No I/O.
 */

/** The draft a new flow starts with: a start node leading to an end node. */
export const starterFlow = (name: string, kind: FlowKind): Record<string, unknown> => ({
  id: name,
  name,
  kind,
  variables: [],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: { trigger: kind === 'conversation' ? 'conversation' : 'event' } },
    { id: 'end', type: 'end', position: { x: 240, y: 0 }, config: { outcome: kind === 'conversation' ? 'resolved' : 'no_action' } },
  ],
  edges: [{ id: edgeId('start', 'next', 'end'), source: 'start', sourcePort: 'next', target: 'end' }],
});

export interface CheckedFlow extends FlowValidationResult {
  /** The parsed flow (defaults filled in), when it parsed. */
  flow?: Flow;
}

/**
 * Validates a flow document as the flow `name` of `kind` would publish it: every problem the flow
 * validator finds, plus the document's id and kind having to match the flow it is saved under.
 */
export const checkFlow = (document: unknown, owner: { name: string; kind: FlowKind }): CheckedFlow => {
  const result = validateFlow(document);
  const problems: FlowProblem[] = [...result.problems];
  if (document && typeof document === 'object' && !Array.isArray(document)) {
    const { id, kind } = document as { id?: unknown; kind?: unknown };
    if (typeof id === 'string' && id !== owner.name) {
      problems.push({ code: 'invalid_flow', field: 'id', message: `The flow id "${id}" must be the flow's name "${owner.name}"` });
    }
    if ((kind === 'conversation' || kind === 'outreach') && kind !== owner.kind) {
      problems.push({ code: 'invalid_flow', field: 'kind', message: `This is a ${owner.kind} flow; its kind cannot become "${kind}"` });
    }
  }
  return {
    valid: problems.length === 0,
    problems,
    contentHash: result.flow ? flowContentHash(result.flow) : null,
    ...(result.flow ? { flow: result.flow } : {}),
  };
};

/**
 * The hash a document would be published with: of the parsed flow when it parses (so a draft equal to
 * the current version but for defaults or key order counts as unchanged), else of the raw document.
 */
export const documentHash = (document: Record<string, unknown>): string => {
  const parsed = validateFlow(document).flow;
  return flowContentHash(parsed ?? (document as unknown as FlowInput));
};

/** The canonical JSON object a version stores and answers with. */
export const canonicalContent = (flow: Flow | FlowInput): Record<string, unknown> => canonicalFlow(flow);

const withIds = (list: unknown): { id: string; type: string }[] =>
  Array.isArray(list)
    ? list.filter((item): item is { id: string; type: string } => !!item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string')
    : [];

/** A document in the shape diffFlows needs: parsed when it parses, else its nodes and edges that carry an id. */
export const diffable = (document: Record<string, unknown>): FlowInput => {
  const parsed = validateFlow(document).flow;
  if (parsed) return parsed;
  return { ...document, nodes: withIds(document.nodes), edges: withIds(document.edges) } as unknown as FlowInput;
};
