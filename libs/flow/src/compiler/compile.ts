import { flowContentHash } from '../canonical/canonical';
import { parseExpression, type ParsedExpression } from '../expressions/expression';
import type { Flow, FlowKind, FlowNode } from '../model/flow.schema';
import { expressionsOf } from '../model/node-semantics';
import { validateFlow, type Problem } from '../validation/validate';

/** A node ready to run: its config (defaults filled in) and where each output port leads. */
export type CompiledNode =
  | (FlowNode & { next: Record<string, string> })
  /** Internal: jumps (entering or leaving an inlined subflow). */
  | { id: string; type: 'goto'; label?: string; config: { reason: 'subflow_enter' | 'subflow_return'; subflow: string }; next: Record<string, string> };

export interface CompiledFlow {
  id: string;
  name: string;
  kind: FlowKind;
  /** Content hash of the source flow (and its subflows): pin it in the run state. */
  hash: string;
  start: string;
  /** Every variable with its default (null when it has none). */
  variables: Record<string, unknown>;
  nodes: Record<string, CompiledNode>;
  /** Parsed expressions by source text. */
  expressions: Map<string, ParsedExpression>;
}

export type CompileResult = { ok: true; flow: CompiledFlow } | { ok: false; problems: Problem[] };

export interface CompileOptions {
  /** Flows that subflow nodes reference, by id; they are validated and inlined. */
  subflows?: Record<string, unknown>;
}

const MAX_SUBFLOW_DEPTH = 8;

/**
 * Validates a flow and turns it into the form the interpreter runs. Refuses (with every problem)
 * when the flow or a subflow it uses is invalid. Subflows are inlined with ids `<subflowNode>/<id>`.
 */
export const compileFlow = (input: unknown, options: CompileOptions = {}): CompileResult => {
  const checked = validateFlow(input, options);
  if (!checked.valid || !checked.flow) return { ok: false, problems: checked.problems };
  const flow = checked.flow;
  const nodes: Record<string, CompiledNode> = {};
  const variables: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const hashes: string[] = [flowContentHash(flow)];

  const graft = (source: Flow, prefix: string, returnTo: string | null, stack: string[]): string => {
    for (const variable of source.variables) {
      if (!(variable.name in variables)) variables[variable.name] = variable.default ?? null;
    }
    const edgesFrom = new Map<string, Record<string, string>>();
    for (const edge of source.edges) {
      const next = edgesFrom.get(edge.source) ?? {};
      next[edge.sourcePort] = prefix + edge.target;
      edgesFrom.set(edge.source, next);
    }
    let start = '';
    for (const node of source.nodes) {
      const id = prefix + node.id;
      const next = edgesFrom.get(node.id) ?? {};
      if (node.type === 'start') start = id;
      if (returnTo !== null && node.type === 'end') {
        nodes[id] = { id, type: 'goto', label: node.label, config: { reason: 'subflow_return', subflow: source.id }, next: { next: returnTo } };
        continue;
      }
      if (node.type === 'subflow') {
        const target = options.subflows?.[node.config.flowId];
        if (stack.includes(node.config.flowId) || stack.length >= MAX_SUBFLOW_DEPTH) {
          problems.push({ code: 'subflow_cycle', nodeId: id, field: 'config.flowId', message: `"${id}" runs "${node.config.flowId}" inside itself (${[...stack, node.config.flowId].join(' -> ')})` });
          continue;
        }
        const sub = validateFlow(target, options);
        if (!sub.valid || !sub.flow) {
          if (target === undefined) {
            problems.push({ code: 'unknown_subflow', nodeId: id, field: 'config.flowId', message: `"${id}" runs flow "${node.config.flowId}", which was not provided` });
          } else {
            problems.push(...sub.problems.map((p) => ({ ...p, nodeId: p.nodeId ? `${id}/${p.nodeId}` : id, message: `In subflow "${node.config.flowId}": ${p.message}` })));
          }
          continue;
        }
        hashes.push(flowContentHash(sub.flow));
        const entry = graft(sub.flow, `${id}/`, next.done ?? '', [...stack, node.config.flowId]);
        nodes[id] = { id, type: 'goto', label: node.label, config: { reason: 'subflow_enter', subflow: node.config.flowId }, next: { next: entry } };
        continue;
      }
      nodes[id] = { ...node, id, next } as CompiledNode;
    }
    return start;
  };

  const start = graft(flow, '', null, [flow.id]);
  if (problems.length) return { ok: false, problems };

  const expressions = new Map<string, ParsedExpression>();
  for (const node of Object.values(nodes)) {
    if (node.type === 'goto') continue;
    for (const site of expressionsOf(node)) {
      if (!expressions.has(site.source)) expressions.set(site.source, parseExpression(site.source, { response: site.response }));
    }
  }
  return {
    ok: true,
    flow: { id: flow.id, name: flow.name, kind: flow.kind, hash: hashes.length === 1 ? hashes[0]! : hashes.join('+'), start, variables, nodes, expressions },
  };
};

/** compileFlow for flows already known to be valid (published versions); throws with the problems otherwise. */
export const compileFlowOrThrow = (input: unknown, options: CompileOptions = {}): CompiledFlow => {
  const result = compileFlow(input, options);
  if (!result.ok) throw new Error(`Flow is invalid:\n${result.problems.map((p) => `- [${p.code}] ${p.message}`).join('\n')}`);
  return result.flow;
};
