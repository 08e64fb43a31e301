import type { CompiledFlow, CompiledNode } from '../compiler/compile';
import { parseExpression, parseTemplate, readPath, stringifyValue, type ParsedExpression } from '../expressions/expression';
import type { EndOutcome, IntentModelRef, NodeConfig, Priority, Weekday } from '../model/flow.schema';

/**
 * The deterministic flow interpreter. The workflow drives it: `start` when the conversation (or
 * outreach) begins, `resume` with each event; each call runs nodes until the flow must wait for the
 * outside world, and returns the commands to perform. It is pure and synchronous: no clock (time
 * comes in with the input and events), no randomness, no I/O; ids are derived from a counter.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What triage saw in a customer message (structurally the contracts' Signals, plus extras). */
export interface SignalsInput {
  intents: { label: string; confidence: number }[];
  sentiment: number;
  risks: string[];
  entities: { orderNumbers: string[]; emails: string[] } & Record<string, string[]>;
  outOfScope?: boolean;
  language?: string;
  complexity?: number;
  /** The trained model that read the intents (absent: keyword rules). */
  model?: { name: string; version: number };
}

/** Signals as expressions see them, after a classify node. */
export interface SignalsView {
  intent: string;
  confidence: number;
  intents: { label: string; confidence: number }[];
  outOfScope: boolean;
  sentiment: number;
  /**
   * This message's sentiment minus the previous classified message's (0 on the first): how the
   * conversation's mood moved, e.g. -0.6 when a neutral customer turns angry.
   */
  sentimentShift: number;
  risks: string[];
  entities: Record<string, string[]>;
  /** ISO 639-1 code, or `und` when triage could not tell (or the node does not detect it). */
  language: string;
  complexity: number;
}

export type Command =
  | { type: 'classify'; id: string; nodeId: string; text: string; model?: IntentModelRef }
  | { type: 'send'; nodeId: string; text: string; channelTemplate?: string }
  | { type: 'ai_reply'; id: string; nodeId: string; knowledgeBase: string; instructions?: string; intent: string; text: string }
  | {
      type: 'http';
      id: string;
      nodeId: string;
      method: string;
      url: string;
      headers: { name: string; secret: string }[];
      body?: string;
      timeoutSeconds: number;
      retries: number;
    }
  | {
      type: 'escalate';
      id: string;
      nodeId: string;
      queue: string;
      priority: Priority;
      requiredSkills: string[];
      reason: string;
      handoffMessage?: string;
      sla: { claimSeconds?: number; firstReplySeconds?: number; resolveSeconds?: number };
    }
  | { type: 'check_hours'; id: string; nodeId: string; queue: string }
  | { type: 'start_timer'; id: string; nodeId: string; seconds: number }
  | { type: 'wait_for_reply'; id: string; nodeId: string; timeoutSeconds: number }
  | { type: 'ask_survey'; id: string; nodeId: string; question: string; scale: number; timeoutSeconds: number }
  | { type: 'tag'; nodeId: string; add: string[]; remove: string[] }
  | { type: 'end'; nodeId: string | null; outcome: EndOutcome; message?: string; reason?: string };

/** What comes back to the flow. `at` (ISO time) is the workflow's clock when the event happened. */
export type FlowEvent = { at?: string } & (
  | { type: 'message'; text: string; signals?: SignalsInput }
  | { type: 'classified'; id: string; signals: SignalsInput }
  | { type: 'ai_reply_result'; id: string; text: string | null; confidence: number }
  | { type: 'action_result'; id: string; status: number; body: Json }
  | { type: 'action_error'; id: string; error: string }
  | { type: 'timer_fired'; id: string }
  /** A queue's business hours, read when a business_hours node names the queue; `seen` says what was read. */
  | { type: 'hours_checked'; id: string; open: boolean; seen: Record<string, Json> }
  | { type: 'reply_timeout'; id: string }
  | { type: 'task_resolved'; id: string; disposition?: string }
  | { type: 'sla_breached'; id: string; sla: 'claim' | 'first_reply' | 'resolve' }
  | { type: 'abandoned'; id: string }
  | { type: 'survey_answer'; id: string; score: number | null }
);

/** One routing decision: the node (rule) that fired, the port it took and the values it saw. */
export interface DecisionRecord {
  nodeId: string;
  nodeType: string;
  /** The switch case that fired, otherwise the node's label (or id). */
  rule: string;
  port: string | null;
  values: Record<string, unknown>;
}

export type WaitKind = 'classification' | 'ai_reply' | 'action' | 'timer' | 'reply' | 'collect' | 'task' | 'survey' | 'hours';

/** Run state: plain JSON, safe to carry through continue-as-new. */
export interface RunState {
  version: 1;
  flowId: string;
  flowHash: string;
  nodeId: string | null;
  wait: { kind: WaitKind; id: string } | null;
  vars: Record<string, Json>;
  signals: SignalsView | null;
  message: { text: string; signals: SignalsInput | null } | null;
  conversation: { turns: number; aiFailures: number; tags: string[]; escalated: boolean; channel: string; csat: number | null };
  customer: Record<string, Json>;
  event: Record<string, Json>;
  /** Answers tried per collect node. */
  attempts: Record<string, number>;
  seq: number;
  now: string;
  ended: { outcome: EndOutcome; nodeId: string | null } | null;
  /** Classify nodes' `detect` switches apply (runs started before they did read every signal). */
  honourDetect?: boolean;
}

export interface Step {
  state: RunState;
  commands: Command[];
  decisions: DecisionRecord[];
  status: 'waiting' | 'ended';
  /** The event did not fit what the flow waits for; nothing changed. */
  ignored?: boolean;
}

export interface StartInput {
  /** The workflow's clock (ISO), e.g. `new Date().toISOString()` inside the workflow. */
  now: string;
  /** Conversation flows: the first customer message (with signals when already classified). */
  message?: { text: string; signals?: SignalsInput };
  channel?: string;
  customer?: Record<string, Json>;
  /** Outreach flows: the trigger's payload. */
  event?: Record<string, Json>;
  /** Initial values overriding the flow's defaults. */
  variables?: Record<string, Json>;
}

export interface RunOptions {
  /** Nodes one start or resume may run before it stops the flow as looping. Default 200. */
  maxSteps?: number;
  /**
   * `start` only: classify nodes' `detect` switches turn the signals they name off. The run keeps
   * the choice for its whole life, so a run begun without it replays as it ran.
   */
  honourDetect?: boolean;
}

export const DEFAULT_MAX_STEPS = 200;

/** Begins a run. */
export const start = (flow: CompiledFlow, input: StartInput, options: RunOptions = {}): Step => {
  const state: RunState = {
    version: 1,
    flowId: flow.id,
    flowHash: flow.hash,
    nodeId: flow.start,
    wait: null,
    vars: { ...(structuredJson(flow.variables) as Record<string, Json>), ...(input.variables ?? {}) },
    signals: null,
    message: input.message ? { text: input.message.text, signals: input.message.signals ?? null } : null,
    conversation: { turns: input.message ? 1 : 0, aiFailures: 0, tags: [], escalated: false, channel: input.channel ?? 'web', csat: null },
    customer: input.customer ?? {},
    event: input.event ?? {},
    attempts: {},
    seq: 0,
    now: input.now,
    ended: null,
    ...(options.honourDetect ? { honourDetect: true } : {}),
  };
  return run(flow, state, [], [], options);
};

/** Which events the run accepts now (others are ignored by `resume`; buffer customer messages). */
export const accepts = (state: RunState, event: FlowEvent): boolean => {
  if (state.ended || !state.wait) return false;
  const { kind, id } = state.wait;
  const matches = 'id' in event && event.id === id;
  switch (event.type) {
    case 'message':
      return kind === 'reply' || kind === 'collect' || kind === 'task';
    case 'classified':
      return kind === 'classification' && matches;
    case 'ai_reply_result':
      return kind === 'ai_reply' && matches;
    case 'action_result':
    case 'action_error':
      return kind === 'action' && matches;
    case 'timer_fired':
      return kind === 'timer' && matches;
    case 'hours_checked':
      return kind === 'hours' && matches;
    case 'reply_timeout':
      return (kind === 'reply' || kind === 'collect' || kind === 'survey') && matches;
    case 'task_resolved':
    case 'sla_breached':
    case 'abandoned':
      return kind === 'task' && matches;
    case 'survey_answer':
      return kind === 'survey' && matches;
    default:
      return false;
  }
};

/** Continues a run with an event. Never mutates `state`. */
export const resume = (flow: CompiledFlow, previous: RunState, event: FlowEvent, options: RunOptions = {}): Step => {
  if (previous.flowHash !== flow.hash) throw new Error(`run state belongs to flow ${previous.flowId}@${previous.flowHash}, not ${flow.hash}`);
  if (!accepts(previous, event)) {
    return { state: previous, commands: [], decisions: [], status: previous.ended ? 'ended' : 'waiting', ignored: true };
  }
  const state = structuredJson(previous) as RunState;
  if (event.at) state.now = event.at;
  const commands: Command[] = [];
  const decisions: DecisionRecord[] = [];
  const node = flow.nodes[state.nodeId!]!;
  const wait = state.wait!;
  state.wait = null;
  const ctx = context(flow, state, commands, decisions);

  switch (event.type) {
    case 'message':
      state.message = { text: event.text, signals: event.signals ?? null };
      state.conversation.turns++;
      if (wait.kind === 'task') {
        // A person handles the conversation; the flow keeps waiting for the task's outcome.
        state.wait = wait;
        return { state, commands, decisions, status: 'waiting' };
      }
      if (wait.kind === 'collect') {
        collectAnswer(ctx, node as NodeOf<'collect'>, event.text, event.signals ?? null);
      } else {
        const config = (node as NodeOf<'wait_for_reply'>).config;
        if (config.variable) state.vars[config.variable] = event.text;
        ctx.go(node, 'replied');
      }
      break;
    case 'classified':
      applySignals(ctx, node as NodeOf<'classify'>, event.signals);
      break;
    case 'ai_reply_result': {
      const config = (node as NodeOf<'ai_reply'>).config;
      const answered = event.text !== null && event.text.trim() !== '' && event.confidence >= config.confidenceFloor;
      if (answered) commands.push({ type: 'send', nodeId: node.id, text: event.text! });
      else state.conversation.aiFailures++;
      ctx.decide(node, answered ? 'answered' : 'fallback', { confidence: event.confidence, confidenceFloor: config.confidenceFloor, aiFailures: state.conversation.aiFailures });
      ctx.go(node, answered ? 'answered' : 'fallback');
      break;
    }
    case 'action_result':
      actionResult(ctx, node as NodeOf<'action'>, event.status, event.body);
      break;
    case 'action_error': {
      const config = (node as NodeOf<'action'>).config;
      if (config.statusVariable) state.vars[config.statusVariable] = 0;
      ctx.decide(node, 'error', { error: event.error });
      ctx.go(node, 'error');
      break;
    }
    case 'timer_fired':
      ctx.go(node, 'next');
      break;
    case 'hours_checked': {
      const port = event.open ? 'open' : 'closed';
      ctx.decide(node, port, { queue: (node as NodeOf<'business_hours'>).config.queue ?? null, now: state.now, ...event.seen });
      ctx.go(node, port);
      break;
    }
    case 'reply_timeout':
      if (node.type === 'survey') {
        ctx.decide(node, 'no_answer', { timedOut: true });
        ctx.go(node, 'no_answer');
      } else {
        ctx.decide(node, 'timeout', { timeoutSeconds: (node.config as { timeoutSeconds: number }).timeoutSeconds });
        ctx.go(node, 'timeout');
      }
      break;
    case 'task_resolved':
      ctx.decide(node, 'resolved', { disposition: event.disposition ?? null });
      ctx.go(node, 'resolved');
      break;
    case 'sla_breached':
      if (!node.next.sla_breached) {
        // Nobody drew what happens on a breach: the task stays with the person.
        state.wait = wait;
        ctx.decide(node, null, { sla: event.sla, handled: false });
        return { state, commands, decisions, status: 'waiting' };
      }
      ctx.decide(node, 'sla_breached', { sla: event.sla });
      ctx.go(node, 'sla_breached');
      break;
    case 'abandoned':
      ctx.decide(node, 'abandoned', {});
      ctx.go(node, 'abandoned');
      break;
    case 'survey_answer': {
      const config = (node as NodeOf<'survey'>).config;
      const score = event.score !== null && Number.isInteger(event.score) && event.score >= 1 && event.score <= config.scale ? event.score : null;
      if (score !== null) {
        state.conversation.csat = score;
        if (config.variable) state.vars[config.variable] = score;
      }
      ctx.decide(node, score !== null ? 'answered' : 'no_answer', { score: event.score, scale: config.scale });
      ctx.go(node, score !== null ? 'answered' : 'no_answer');
      break;
    }
  }
  return run(flow, state, commands, decisions, options);
};

type NodeOf<T extends CompiledNode['type']> = Extract<CompiledNode, { type: T }>;

interface Ctx {
  state: RunState;
  commands: Command[];
  decisions: DecisionRecord[];
  flow: CompiledFlow;
  scope(): Record<string, unknown>;
  expr(source: string): ParsedExpression;
  render(template: string): string;
  nextId(node: CompiledNode): string;
  /** Records a decision; `rule` defaults to the node's label (or id). */
  decide(node: CompiledNode, port: string | null, values: Record<string, unknown>, rule?: string): void;
  go(node: CompiledNode, port: string): void;
  waitFor(kind: WaitKind, id: string): void;
  end(node: CompiledNode | null, outcome: EndOutcome, extra?: { message?: string; reason?: string }): void;
}

const context = (flow: CompiledFlow, state: RunState, commands: Command[], decisions: DecisionRecord[]): Ctx => {
  const ctx: Ctx = {
    state,
    commands,
    decisions,
    flow,
    scope: () => ({
      vars: state.vars,
      signals: state.signals ?? EMPTY_SIGNALS,
      message: state.message?.text ?? '',
      conversation: state.conversation,
      customer: state.customer,
      event: state.event,
    }),
    expr: (source) => {
      let parsed = flow.expressions.get(source);
      if (!parsed) {
        parsed = parseExpression(source);
        flow.expressions.set(source, parsed);
      }
      return parsed;
    },
    render: (template) =>
      parseTemplate(template)
        .map((part) => {
          if ('text' in part) return part.text;
          const result = ctx.expr(part.expression).evaluate(ctx.scope());
          return result.ok ? stringifyValue(result.value) : '';
        })
        .join(''),
    nextId: (node) => `${node.id}#${++state.seq}`,
    decide: (node, port, values, rule) =>
      decisions.push({ nodeId: node.id, nodeType: node.type, rule: rule ?? node.label ?? node.id, port, values }),
    go: (node, port) => {
      const target = node.next[port];
      if (target === undefined) {
        ctx.end(node, port === 'abandoned' ? 'abandoned' : 'no_action', { reason: `output "${port}" of "${node.id}" leads nowhere` });
        return;
      }
      state.nodeId = target;
    },
    waitFor: (kind, id) => {
      state.wait = { kind, id };
    },
    end: (node, outcome, extra = {}) => {
      state.ended = { outcome, nodeId: node?.id ?? null };
      state.wait = null;
      commands.push({ type: 'end', nodeId: node?.id ?? null, outcome, ...extra });
    },
  };
  return ctx;
};

const EMPTY_SIGNALS: SignalsView = {
  intent: 'none',
  confidence: 0,
  intents: [],
  outOfScope: false,
  sentiment: 0,
  sentimentShift: 0,
  risks: [],
  entities: { orderNumbers: [], emails: [] },
  language: 'und',
  complexity: 0,
};

const structuredJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Runs nodes until the flow waits or ends, within the step budget. */
const run = (flow: CompiledFlow, state: RunState, commands: Command[], decisions: DecisionRecord[], options: RunOptions): Step => {
  const ctx = context(flow, state, commands, decisions);
  const budget = options.maxSteps ?? DEFAULT_MAX_STEPS;
  let steps = 0;
  while (!state.ended && !state.wait && state.nodeId !== null) {
    if (steps++ >= budget) {
      const node = flow.nodes[state.nodeId] ?? null;
      decisions.push({ nodeId: state.nodeId, nodeType: node?.type ?? 'unknown', rule: 'step-budget-exceeded', port: null, values: { maxSteps: budget } });
      ctx.end(node, 'failed', { reason: `the flow ran ${budget} steps without waiting; it is probably looping` });
      break;
    }
    const node = flow.nodes[state.nodeId];
    if (!node) {
      ctx.end(null, 'failed', { reason: `node "${state.nodeId}" does not exist` });
      break;
    }
    execute(ctx, node);
  }
  return { state, commands, decisions, status: state.ended ? 'ended' : 'waiting' };
};

const execute = (ctx: Ctx, node: CompiledNode): void => {
  const { state, commands } = ctx;
  switch (node.type) {
    case 'start':
    case 'goto':
      ctx.go(node, 'next');
      return;
    case 'classify': {
      const signals = state.message?.signals;
      if (signals && readBy(signals, node.config.model)) {
        applySignals(ctx, node, signals);
        return;
      }
      if (!state.message) {
        applySignals(ctx, node, { intents: [], sentiment: 0, risks: [], entities: { orderNumbers: [], emails: [] } });
        return;
      }
      const id = ctx.nextId(node);
      commands.push({ type: 'classify', id, nodeId: node.id, text: state.message.text, ...(node.config.model ? { model: node.config.model } : {}) });
      ctx.waitFor('classification', id);
      return;
    }
    case 'condition': {
      const result = ctx.expr(node.config.expression).evaluate(ctx.scope());
      const value = result.ok && result.value === true;
      ctx.decide(node, value ? 'true' : 'false', {
        expression: node.config.expression,
        ...seen(ctx, node.config.expression),
        ...(result.ok ? { result: result.value } : { error: result.error }),
      });
      ctx.go(node, value ? 'true' : 'false');
      return;
    }
    case 'switch': {
      const errors: Record<string, string> = {};
      for (const entry of node.config.cases) {
        const result = ctx.expr(entry.when).evaluate(ctx.scope());
        if (!result.ok) errors[entry.port] = result.error;
        if (result.ok && result.value === true) {
          ctx.decide(node, entry.port, { case: entry.label || entry.port, expression: entry.when, ...seen(ctx, entry.when), ...(Object.keys(errors).length ? { errors } : {}) }, entry.label || entry.port);
          ctx.go(node, entry.port);
          return;
        }
      }
      const all = node.config.cases.flatMap((entry) => Object.entries(seen(ctx, entry.when)));
      ctx.decide(node, 'default', { case: 'default', ...Object.fromEntries(all), ...(Object.keys(errors).length ? { errors } : {}) });
      ctx.go(node, 'default');
      return;
    }
    case 'ai_reply': {
      const intent = state.signals?.intent ?? 'none';
      if (node.config.source === 'intent_template') {
        const template = node.config.templates[intent];
        if (template === undefined) {
          state.conversation.aiFailures++;
          ctx.decide(node, 'fallback', { intent, reason: 'no template for this intent', aiFailures: state.conversation.aiFailures });
          ctx.go(node, 'fallback');
          return;
        }
        commands.push({ type: 'send', nodeId: node.id, text: ctx.render(template) });
        ctx.decide(node, 'answered', { intent, source: 'intent_template' });
        ctx.go(node, 'answered');
        return;
      }
      const id = ctx.nextId(node);
      commands.push({
        type: 'ai_reply',
        id,
        nodeId: node.id,
        knowledgeBase: node.config.knowledgeBase ?? '',
        ...(node.config.instructions ? { instructions: node.config.instructions } : {}),
        intent,
        text: state.message?.text ?? '',
      });
      ctx.waitFor('ai_reply', id);
      return;
    }
    case 'action': {
      const id = ctx.nextId(node);
      commands.push({
        type: 'http',
        id,
        nodeId: node.id,
        method: node.config.method,
        url: ctx.render(node.config.url),
        headers: node.config.headers,
        ...(node.config.body !== undefined ? { body: ctx.render(node.config.body) } : {}),
        timeoutSeconds: node.config.timeoutSeconds,
        retries: node.config.retries,
      });
      ctx.waitFor('action', id);
      return;
    }
    case 'collect': {
      state.attempts[node.id] = 0;
      askCollect(ctx, node, node.config.prompt);
      return;
    }
    case 'send':
      commands.push({
        type: 'send',
        nodeId: node.id,
        text: ctx.render(node.config.text),
        ...(node.config.channelTemplate ? { channelTemplate: node.config.channelTemplate } : {}),
      });
      ctx.go(node, 'next');
      return;
    case 'wait': {
      const id = ctx.nextId(node);
      commands.push({ type: 'start_timer', id, nodeId: node.id, seconds: node.config.seconds });
      ctx.waitFor('timer', id);
      return;
    }
    case 'wait_for_reply': {
      const id = ctx.nextId(node);
      commands.push({ type: 'wait_for_reply', id, nodeId: node.id, timeoutSeconds: node.config.timeoutSeconds });
      ctx.waitFor('reply', id);
      return;
    }
    case 'business_hours': {
      if (node.config.queue !== undefined) {
        const id = ctx.nextId(node);
        commands.push({ type: 'check_hours', id, nodeId: node.id, queue: node.config.queue });
        ctx.waitFor('hours', id);
        return;
      }
      const verdict = isOpen(node.config, state.now);
      ctx.decide(node, verdict.open ? 'open' : 'closed', { timeZone: node.config.timeZone, now: state.now, ...verdict.seen });
      ctx.go(node, verdict.open ? 'open' : 'closed');
      return;
    }
    case 'escalate': {
      const id = ctx.nextId(node);
      const reason = ctx.render(node.config.reason) || `Escalated by "${node.label ?? node.id}"`;
      state.conversation.escalated = true;
      commands.push({
        type: 'escalate',
        id,
        nodeId: node.id,
        queue: node.config.queue,
        priority: node.config.priority,
        requiredSkills: node.config.requiredSkills,
        reason,
        ...(node.config.handoffMessage !== undefined ? { handoffMessage: ctx.render(node.config.handoffMessage) } : {}),
        sla: node.config.sla,
      });
      ctx.decide(node, null, {
        queue: node.config.queue,
        priority: node.config.priority,
        requiredSkills: node.config.requiredSkills,
        reason,
        ...signalsSeen(state),
      });
      ctx.waitFor('task', id);
      return;
    }
    case 'survey': {
      const id = ctx.nextId(node);
      commands.push({ type: 'ask_survey', id, nodeId: node.id, question: ctx.render(node.config.question), scale: node.config.scale, timeoutSeconds: node.config.timeoutSeconds });
      ctx.waitFor('survey', id);
      return;
    }
    case 'set_variable': {
      const errors: Record<string, string> = {};
      for (const assignment of node.config.assignments) {
        const result = ctx.expr(assignment.expression).evaluate(ctx.scope());
        if (result.ok) state.vars[assignment.variable] = result.value as Json;
        else errors[assignment.variable] = result.error;
      }
      if (Object.keys(errors).length) ctx.decide(node, 'next', { errors });
      ctx.go(node, 'next');
      return;
    }
    case 'tag': {
      const tags = state.conversation.tags.filter((tag) => !node.config.remove.includes(tag));
      for (const tag of node.config.add) if (!tags.includes(tag)) tags.push(tag);
      state.conversation.tags = tags;
      commands.push({ type: 'tag', nodeId: node.id, add: node.config.add, remove: node.config.remove });
      ctx.go(node, 'next');
      return;
    }
    case 'subflow':
      // Compiled flows inline subflows as gotos; a bare subflow node cannot run.
      ctx.end(node, 'failed', { reason: `subflow "${node.config.flowId}" was not compiled in` });
      return;
    case 'end': {
      const message = node.config.message !== undefined ? ctx.render(node.config.message) : undefined;
      if (message) commands.push({ type: 'send', nodeId: node.id, text: message });
      ctx.decide(node, null, { outcome: node.config.outcome });
      ctx.end(node, node.config.outcome);
      return;
    }
  }
};

/** The values of the variables an expression reads, for the decision record. */
const seen = (ctx: Ctx, source: string): Record<string, unknown> => {
  const scope = ctx.scope();
  const out: Record<string, unknown> = {};
  for (const reference of ctx.expr(source).references) out[reference] = readPath(scope, reference);
  return out;
};

const signalsSeen = (state: RunState): Record<string, unknown> =>
  state.signals
    ? { intent: state.signals.intent, confidence: state.signals.confidence, sentiment: state.signals.sentiment, risks: state.signals.risks }
    : {};

/**
 * Whether signals read when the message arrived answer a classify node: always when the node names
 * no model; otherwise only when that model (at the pinned version, if any) read them, so that a node
 * naming its own model asks for the message to be classified again with it.
 */
const readBy = (signals: SignalsInput, model: IntentModelRef | undefined): boolean =>
  !model || (signals.model?.name === model.name && (model.version === undefined || signals.model.version === model.version));

/** Every signal read: what classify nodes did before their `detect` switches applied. */
const DETECT_ALL: NodeConfig<'classify'>['detect'] = { intent: true, outOfScope: true, sentiment: true, entities: true, language: true, complexity: true };

const applySignals = (ctx: Ctx, node: NodeOf<'classify'>, input: SignalsInput): void => {
  const { state } = ctx;
  const config: NodeConfig<'classify'> = node.config;
  const detect = state.honourDetect ? config.detect : DETECT_ALL;
  const intents = detect.intent ? [...(input.intents ?? [])].sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1)) : [];
  const top = intents[0];
  const confident = intents.filter((intent) => intent.confidence >= config.intentFloor);
  const outOfScope = detect.outOfScope ? input.outOfScope : false;
  // An out-of-scope verdict outweighs any intent: the message is about none of them.
  const intent = !outOfScope && top && top.confidence >= config.intentFloor ? top.label : 'none';
  const sentiment = detect.sentiment && typeof input.sentiment === 'number' ? input.sentiment : 0;
  const previous = state.signals;
  state.signals = {
    intent,
    confidence: top?.confidence ?? 0,
    intents,
    outOfScope: detect.outOfScope ? (outOfScope ?? (intent === 'none' || intent === 'out_of_scope')) : false,
    sentiment,
    sentimentShift: detect.sentiment && previous ? sentiment - previous.sentiment : 0,
    risks: input.risks ?? [],
    entities: detect.entities ? { ...(input.entities ?? {}), orderNumbers: input.entities?.orderNumbers ?? [], emails: input.entities?.emails ?? [] } : { orderNumbers: [], emails: [] },
    language: (detect.language && input.language) || 'und',
    complexity: detect.complexity ? (input.complexity ?? confident.length) : 0,
  };
  if (state.message) state.message = { ...state.message, signals: null };
  ctx.decide(node, 'next', {
    intent,
    confidence: state.signals.confidence,
    outOfScope: state.signals.outOfScope,
    sentiment,
    sentimentShift: state.signals.sentimentShift,
    risks: state.signals.risks,
    language: state.signals.language,
    ...(input.model ? { model: input.model } : {}),
  });
  ctx.go(node, 'next');
};

const askCollect = (ctx: Ctx, node: NodeOf<'collect'>, prompt: string): void => {
  const id = ctx.nextId(node);
  ctx.commands.push({ type: 'send', nodeId: node.id, text: ctx.render(prompt) });
  ctx.commands.push({ type: 'wait_for_reply', id, nodeId: node.id, timeoutSeconds: node.config.timeoutSeconds });
  ctx.waitFor('collect', id);
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
const ORDER = /\b[A-Z]{2,5}-?\d{3,}\b/i;

/** Checks a collect answer; extracted entities win over the raw text. */
export const extractValue = (config: NodeConfig<'collect'>, text: string, signals: SignalsInput | null): Json | undefined => {
  const answer = text.trim();
  switch (config.valueType) {
    case 'text':
      return answer ? answer : undefined;
    case 'number': {
      const match = /-?\d+(?:[.,]\d+)?/.exec(answer);
      return match ? Number(match[0].replace(',', '.')) : undefined;
    }
    case 'email':
      return signals?.entities.emails[0] ?? (EMAIL.test(answer) ? answer : /[^\s@]+@[^\s@]+\.[^\s@]+/.exec(answer)?.[0]);
    case 'phone':
      return PHONE.test(answer) ? answer.replace(/[ ()-]/g, '') : undefined;
    case 'order_number':
      return signals?.entities.orderNumbers[0] ?? ORDER.exec(answer)?.[0]?.toUpperCase();
    case 'date': {
      const match = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(answer);
      if (!match) return undefined;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? match[0] : undefined;
    }
    case 'pattern': {
      if (!config.pattern) return undefined;
      const regex = new RegExp(config.pattern);
      return answer.length <= 1000 && regex.test(answer) ? answer : undefined;
    }
  }
};

const collectAnswer = (ctx: Ctx, node: NodeOf<'collect'>, text: string, signals: SignalsInput | null): void => {
  const { state } = ctx;
  const attempts = (state.attempts[node.id] ?? 0) + 1;
  state.attempts[node.id] = attempts;
  const value = extractValue(node.config, text, signals);
  if (value !== undefined) {
    state.vars[node.config.variable] = value;
    ctx.decide(node, 'collected', { variable: node.config.variable, attempts });
    ctx.go(node, 'collected');
    return;
  }
  if (attempts >= node.config.maxAttempts) {
    state.conversation.aiFailures++;
    ctx.decide(node, 'invalid', { variable: node.config.variable, attempts, maxAttempts: node.config.maxAttempts });
    ctx.go(node, 'invalid');
    return;
  }
  askCollect(ctx, node, node.config.retryPrompt ?? node.config.prompt);
};

const actionResult = (ctx: Ctx, node: NodeOf<'action'>, status: number, body: Json): void => {
  const { state } = ctx;
  if (node.config.statusVariable) state.vars[node.config.statusVariable] = status;
  if (!(status >= 200 && status < 300)) {
    ctx.decide(node, 'error', { status });
    ctx.go(node, 'error');
    return;
  }
  const scope = { ...ctx.scope(), response: { status, body } };
  const mapped: Record<string, Json> = {};
  for (const mapping of node.config.responseMapping) {
    const result = ctx.expr(mapping.expression).evaluate(scope);
    if (!result.ok) {
      ctx.decide(node, 'error', { status, variable: mapping.variable, error: result.error });
      ctx.go(node, 'error');
      return;
    }
    mapped[mapping.variable] = result.value as Json;
  }
  Object.assign(state.vars, mapped);
  ctx.decide(node, 'success', { status, mapped: Object.keys(mapped) });
  ctx.go(node, 'success');
};

const WEEKDAYS: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Local date, weekday and minute of day of an ISO instant in a time zone. */
export const localTime = (iso: string, timeZone: string): { date: string; day: Weekday; minutes: number } | null => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(instant);
  } catch {
    return null;
  }
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = WEEKDAYS[get('weekday')];
  if (!day) return null;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
};

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a business_hours calendar is open at `now`. Overnight ranges (22:00-06:00) are allowed. */
export const isOpen = (config: NodeConfig<'business_hours'>, now: string): { open: boolean; seen: Record<string, unknown> } => {
  const local = localTime(now, config.timeZone);
  if (!local) return { open: false, seen: { error: `cannot read the time in "${config.timeZone}"` } };
  const seen = { localDate: local.date, localDay: local.day, localTime: `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}` };
  if (config.holidays.includes(local.date)) return { open: false, seen: { ...seen, holiday: true } };
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const yesterday = order[(order.indexOf(local.day) + 6) % 7];
  const open = config.weekly.some((range) => {
    const from = toMinutes(range.open);
    const to = toMinutes(range.close);
    if (from < to) return range.day === local.day && local.minutes >= from && local.minutes < to;
    // Overnight: open late today, or still open early after yesterday's start.
    return (range.day === local.day && local.minutes >= from) || (range.day === yesterday && local.minutes < to);
  });
  return { open, seen };
};
