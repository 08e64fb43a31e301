import type { z } from 'zod';
import { isNodeType, nodeDefinition, portsOf } from '../catalog/node-catalog';
import { checkExpression } from '../expressions/expression';
import { flowKindSchema, flowNodeSchema, flowVariableSchema, type Flow, type FlowEdge, type FlowNode } from '../model/flow.schema';
import { expressionsOf, formatSeconds, timersOf, variablesWrittenBy } from '../model/node-semantics';
import { loopsWithoutWait, reachableFrom, type GraphEdge, type GraphNode } from './graph-rules';

export type ProblemCode =
  | 'invalid_flow'
  | 'invalid_node'
  | 'invalid_edge'
  | 'duplicate_node_id'
  | 'duplicate_edge_id'
  | 'no_start'
  | 'multiple_starts'
  | 'start_trigger_mismatch'
  | 'unknown_node_type'
  | 'invalid_config'
  | 'edge_source_missing'
  | 'edge_target_missing'
  | 'unknown_port'
  | 'port_multiple_edges'
  | 'port_unconnected'
  | 'edge_into_start'
  | 'unreachable_node'
  | 'loop_without_wait'
  | 'expression_syntax'
  | 'unknown_variable'
  | 'expression_type'
  | 'escalate_without_queue'
  | 'timer_out_of_bounds'
  | 'invalid_pattern'
  | 'duplicate_variable'
  | 'unknown_subflow'
  | 'subflow_cycle'
  /** A classify node names an intent model that is not trained (checked by the API on publish: validation has no database). */
  | 'unknown_model';

/** One thing wrong with a flow, phrased for the designer who drew it. */
export interface Problem {
  code: ProblemCode;
  nodeId?: string;
  edgeId?: string;
  /** Path of the field inside the node (or flow), e.g. `config.sla.claimSeconds`. */
  field?: string;
  message: string;
}

export interface ValidateOptions {
  /** Flows a subflow node may reference, by id. Without it, subflow references are not checked. */
  subflows?: Record<string, unknown>;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
  /** The parsed flow (defaults filled in) when the envelope and every node parsed. */
  flow?: Flow;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');

const zodProblems = (error: z.ZodError, base: Omit<Problem, 'message' | 'field' | 'code'>, code: ProblemCode, what: string): Problem[] =>
  error.issues.map((issue) => {
    const field = formatPath(issue.path);
    return { code, ...base, ...(field ? { field } : {}), message: `${what}${field ? ` field "${field}"` : ''}: ${issue.message}` };
  });

/**
 * Checks a flow (any JSON value) and returns every problem at once. Never throws: whatever the
 * input, problems are reported, not raised.
 */
export const validateFlow = (input: unknown, options: ValidateOptions = {}): ValidationResult => {
  try {
    return validateUnsafe(input, options);
  } catch (error) {
    // A bug here must not take a designer's save down; report it as a problem instead.
    return { valid: false, problems: [{ code: 'invalid_flow', message: `The flow could not be checked: ${String(error)}` }] };
  }
};

const validateUnsafe = (input: unknown, options: ValidateOptions): ValidationResult => {
  const problems: Problem[] = [];
  if (!isRecord(input)) {
    return { valid: false, problems: [{ code: 'invalid_flow', message: 'A flow must be an object with id, name, kind, nodes and edges' }] };
  }

  // Envelope.
  if (typeof input.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.id)) {
    problems.push({ code: 'invalid_flow', field: 'id', message: 'The flow needs an id of letters, digits, "_" or "-" (at most 64)' });
  }
  if (typeof input.name !== 'string' || input.name.length === 0) {
    problems.push({ code: 'invalid_flow', field: 'name', message: 'The flow needs a name' });
  }
  const kind = flowKindSchema.safeParse(input.kind);
  if (!kind.success) problems.push({ code: 'invalid_flow', field: 'kind', message: 'The flow kind must be "conversation" or "outreach"' });

  const declared = new Set<string>();
  const variables: Flow['variables'] = [];
  if (input.variables !== undefined && !Array.isArray(input.variables)) {
    problems.push({ code: 'invalid_flow', field: 'variables', message: 'variables must be a list' });
  } else {
    (input.variables as unknown[] | undefined)?.forEach((raw, i) => {
      const parsed = flowVariableSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...zodProblems(parsed.error, {}, 'invalid_flow', `Variable ${i + 1}`).map((p) => ({ ...p, field: `variables[${i}]${p.field ? `.${p.field}` : ''}` })));
        return;
      }
      if (declared.has(parsed.data.name)) {
        problems.push({ code: 'duplicate_variable', field: `variables[${i}].name`, message: `Variable "${parsed.data.name}" is declared twice` });
      }
      declared.add(parsed.data.name);
      variables.push(parsed.data);
    });
  }

  // Nodes: shape, unique ids, known type, config against its schema.
  const rawNodes: unknown[] = Array.isArray(input.nodes) ? input.nodes : [];
  if (!Array.isArray(input.nodes)) problems.push({ code: 'invalid_flow', field: 'nodes', message: 'nodes must be a list' });
  const graphNodes: GraphNode[] = [];
  const parsedNodes = new Map<string, FlowNode>();
  rawNodes.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id.length === 0) {
      problems.push({ code: 'invalid_node', field: `nodes[${i}]`, message: `Node ${i + 1} has no id` });
      return;
    }
    const nodeId = raw.id;
    if (graphNodes.some((node) => node.id === nodeId)) {
      problems.push({ code: 'duplicate_node_id', nodeId, message: `Two nodes share the id "${nodeId}"` });
      return;
    }
    const type = typeof raw.type === 'string' ? raw.type : '';
    graphNodes.push({ id: nodeId, type, config: raw.config });
    if (!isNodeType(type)) {
      problems.push({ code: 'unknown_node_type', nodeId, field: 'type', message: `Node "${nodeId}" has an unknown type "${String(raw.type)}"` });
      return;
    }
    const parsed = flowNodeSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, { nodeId }, 'invalid_config', `${nodeDefinition(type).title} "${nodeId}"`));
      return;
    }
    parsedNodes.set(nodeId, parsed.data);
  });

  // Edges: shape, unique ids, both ends exist, known and free port, not into start.
  const rawEdges: unknown[] = Array.isArray(input.edges) ? input.edges : [];
  if (!Array.isArray(input.edges)) problems.push({ code: 'invalid_flow', field: 'edges', message: 'edges must be a list' });
  const nodeById = new Map(graphNodes.map((node) => [node.id, node]));
  const graphEdges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const usedPorts = new Map<string, string>();
  rawEdges.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string' || typeof raw.sourcePort !== 'string') {
      problems.push({ code: 'invalid_edge', field: `edges[${i}]`, message: `Connection ${i + 1} needs a source, a sourcePort and a target` });
      return;
    }
    const edgeId = typeof raw.id === 'string' && raw.id ? raw.id : `${raw.source}:${raw.sourcePort}->${raw.target}`;
    if (edgeIds.has(edgeId)) {
      problems.push({ code: 'duplicate_edge_id', edgeId, message: `Two connections share the id "${edgeId}"` });
      return;
    }
    edgeIds.add(edgeId);
    const source = nodeById.get(raw.source);
    const target = nodeById.get(raw.target);
    let ok = true;
    if (!source) {
      problems.push({ code: 'edge_source_missing', edgeId, message: `Connection "${edgeId}" starts at a node that does not exist ("${raw.source}")` });
      ok = false;
    }
    if (!target) {
      problems.push({ code: 'edge_target_missing', edgeId, message: `Connection "${edgeId}" leads to a node that does not exist ("${raw.target}")` });
      ok = false;
    }
    if (source && isNodeType(source.type) && !portsOf(source.type, source.config).some((p) => p.name === raw.sourcePort)) {
      problems.push({
        code: 'unknown_port',
        edgeId,
        nodeId: source.id,
        message: `Connection "${edgeId}" leaves "${source.id}" from an output "${raw.sourcePort}" it does not have`,
      });
      ok = false;
    }
    if (target?.type === 'start') {
      problems.push({ code: 'edge_into_start', edgeId, nodeId: target.id, message: `Connection "${edgeId}" leads back into the start node` });
    }
    const portKey = `${raw.source}\u0000${raw.sourcePort}`;
    if (ok && usedPorts.has(portKey)) {
      problems.push({
        code: 'port_multiple_edges',
        edgeId,
        nodeId: raw.source,
        field: `ports.${raw.sourcePort}`,
        message: `Output "${raw.sourcePort}" of "${raw.source}" has more than one connection; it may have only one`,
      });
      ok = false;
    }
    if (ok) {
      usedPorts.set(portKey, edgeId);
      graphEdges.push({ id: edgeId, source: raw.source, sourcePort: raw.sourcePort, target: raw.target });
    }
  });

  // Start.
  const starts = graphNodes.filter((node) => node.type === 'start');
  if (starts.length === 0) problems.push({ code: 'no_start', message: 'The flow has no start node' });
  for (const extra of starts.slice(1)) {
    problems.push({ code: 'multiple_starts', nodeId: extra.id, message: `The flow has more than one start node; remove "${extra.id}"` });
  }
  const start = starts[0] ? parsedNodes.get(starts[0].id) : undefined;
  if (start?.type === 'start' && kind.success) {
    const trigger = start.config.trigger;
    if (kind.data === 'conversation' && trigger !== 'conversation') {
      problems.push({ code: 'start_trigger_mismatch', nodeId: start.id, field: 'config.trigger', message: 'A conversation flow starts with a conversation, not an event or schedule' });
    }
    if (kind.data === 'outreach' && trigger === 'conversation') {
      problems.push({ code: 'start_trigger_mismatch', nodeId: start.id, field: 'config.trigger', message: 'An outreach flow starts from a business event or a schedule' });
    }
    if (trigger === 'event' && !start.config.eventName) {
      problems.push({ code: 'invalid_config', nodeId: start.id, field: 'config.eventName', message: 'Name the event that starts this outreach' });
    }
    if (trigger === 'schedule' && !start.config.cron) {
      problems.push({ code: 'invalid_config', nodeId: start.id, field: 'config.cron', message: 'Give the schedule as a cron expression' });
    }
  }

  // Required ports.
  for (const node of graphNodes) {
    if (!isNodeType(node.type)) continue;
    for (const p of portsOf(node.type, node.config)) {
      if (p.required && !usedPorts.has(`${node.id}\u0000${p.name}`)) {
        problems.push({ code: 'port_unconnected', nodeId: node.id, field: `ports.${p.name}`, message: `Output "${p.label}" of "${node.id}" is not connected` });
      }
    }
  }

  // Reachability and loops.
  const graph = { nodes: graphNodes, edges: graphEdges };
  if (starts.length > 0) {
    const reachable = reachableFrom(graph, starts.map((node) => node.id));
    for (const node of graphNodes) {
      if (!reachable.has(node.id)) problems.push({ code: 'unreachable_node', nodeId: node.id, message: `"${node.id}" can never be reached from the start` });
    }
  }
  for (const loop of loopsWithoutWait(graph)) {
    problems.push({
      code: 'loop_without_wait',
      nodeId: loop[0],
      message: `These nodes form a loop that never waits for the customer or a timer: ${loop.join(', ')}`,
    });
  }

  // Node semantics: expressions, queues, timers, patterns, subflows.
  const known = new Set(declared);
  for (const node of parsedNodes.values()) for (const name of variablesWrittenBy(node)) known.add(name);
  for (const node of parsedNodes.values()) {
    for (const site of expressionsOf(node)) {
      for (const issue of checkExpression(site.source, { variables: known, response: site.response })) {
        problems.push({ code: issue.code, nodeId: node.id, field: site.field, message: `"${node.id}": ${issue.message}` });
      }
    }
    for (const timer of timersOf(node)) {
      if (timer.value < timer.min || timer.value > timer.max) {
        problems.push({
          code: 'timer_out_of_bounds',
          nodeId: node.id,
          field: timer.field,
          message: `"${node.id}": ${timer.field.replace('config.', '')} is ${formatSeconds(Math.max(0, timer.value))}${timer.value < 0 ? ' (negative)' : ''}; it must be between ${formatSeconds(timer.min)} and ${formatSeconds(timer.max)}`,
        });
      }
    }
    if (node.type === 'escalate' && node.config.queue.trim() === '') {
      problems.push({ code: 'escalate_without_queue', nodeId: node.id, field: 'config.queue', message: `"${node.id}" escalates without a queue; choose the queue that takes these tasks` });
    }
    if (node.type === 'collect') {
      if (node.config.valueType === 'pattern' && !node.config.pattern) {
        problems.push({ code: 'invalid_pattern', nodeId: node.id, field: 'config.pattern', message: `"${node.id}" checks answers against a pattern but has none` });
      } else if (node.config.pattern !== undefined) {
        try {
          new RegExp(node.config.pattern);
        } catch (error) {
          problems.push({ code: 'invalid_pattern', nodeId: node.id, field: 'config.pattern', message: `"${node.id}": the pattern is not a valid regular expression (${(error as Error).message})` });
        }
      }
    }
    if (node.type === 'ai_reply') {
      if (node.config.source === 'knowledge_base' && !node.config.knowledgeBase) {
        problems.push({ code: 'invalid_config', nodeId: node.id, field: 'config.knowledgeBase', message: `"${node.id}" answers from a knowledge base; choose which one` });
      }
      if (node.config.source === 'intent_template' && Object.keys(node.config.templates).length === 0) {
        problems.push({ code: 'invalid_config', nodeId: node.id, field: 'config.templates', message: `"${node.id}" answers from intent templates; add at least one` });
      }
    }
    if (node.type === 'business_hours' && node.config.queue === undefined) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: node.config.timeZone });
      } catch {
        problems.push({ code: 'invalid_config', nodeId: node.id, field: 'config.timeZone', message: `"${node.id}": "${node.config.timeZone}" is not a time zone; use a name like Europe/Berlin` });
      }
    }
    if (node.type === 'switch') {
      const seen = new Set<string>();
      node.config.cases.forEach((entry, i) => {
        if (entry.port === 'default' || seen.has(entry.port)) {
          problems.push({ code: 'invalid_config', nodeId: node.id, field: `config.cases[${i}].port`, message: `"${node.id}": case output "${entry.port}" is ${entry.port === 'default' ? 'reserved' : 'used twice'}` });
        }
        seen.add(entry.port);
      });
    }
    if (node.type === 'subflow' && options.subflows) {
      const target = options.subflows[node.config.flowId];
      if (target === undefined) {
        problems.push({ code: 'unknown_subflow', nodeId: node.id, field: 'config.flowId', message: `"${node.id}" runs flow "${node.config.flowId}", which does not exist` });
      } else if (isRecord(target) && kind.success && target.kind !== kind.data) {
        problems.push({ code: 'unknown_subflow', nodeId: node.id, field: 'config.flowId', message: `"${node.id}" runs "${node.config.flowId}", a flow of another kind` });
      } else if (node.config.flowId === input.id) {
        problems.push({ code: 'subflow_cycle', nodeId: node.id, field: 'config.flowId', message: `"${node.id}" runs the flow it is part of` });
      }
    }
  }

  const valid = problems.length === 0;
  const flow: Flow | undefined =
    valid && kind.success
      ? {
          id: input.id as string,
          name: input.name as string,
          kind: kind.data,
          ...(typeof input.description === 'string' ? { description: input.description } : {}),
          variables,
          nodes: rawNodes.map((raw) => parsedNodes.get((raw as { id: string }).id)!),
          edges: graphEdges.map((edge) => ({ ...edge, id: edge.id! }) as FlowEdge),
        }
      : undefined;
  return { valid, problems, ...(flow ? { flow } : {}) };
};
