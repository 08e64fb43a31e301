import {
  type Command,
  type CompiledFlow,
  type DecisionRecord,
  edgeId,
  type FlowEvent,
  formatSeconds,
  type Json,
  resume,
  type RunState,
  type SignalsInput,
  start,
  type Step,
} from '@baton/flow';

export interface TranscriptLine {
  role: 'customer' | 'bot' | 'system';
  text: string;
  /** The node that said or did it. */
  nodeId?: string;
}

/** One simulated conversation with a draft: what was said, decided and walked through. */
export interface TestRun {
  state: RunState | null;
  status: 'idle' | 'waiting' | 'ended';
  transcript: TranscriptLine[];
  decisions: DecisionRecord[];
  /** Signals triage read in each customer message. */
  signals: { text: string; signals: SignalsInput }[];
  /** Node ids in the order the run passed them, and the edges it took. */
  path: string[];
  edges: string[];
  /** The command the run waits on, when it waits for something other than the customer. */
  waitingOn: Command | null;
}

export const emptyRun = (): TestRun => ({ state: null, status: 'idle', transcript: [], decisions: [], signals: [], path: [], edges: [], waitingOn: null });

/**
 * The nodes and edges a step walked through, from the node it started at to where it stopped:
 * branches follow the decisions in order, single-output nodes their one output; `firstPort` is the
 * output the resuming event took when no decision records it (a reply arrived, a timer fired).
 */
export function walkPath(
  flow: CompiledFlow,
  from: string,
  decisions: DecisionRecord[],
  to: string | null,
  firstPort?: string,
): { nodes: string[]; edges: string[] } {
  const nodes = [from];
  const edges: string[] = [];
  let node = from;
  let port = firstPort;
  let next = 0;
  for (let guard = 0; guard < 1000; guard++) {
    if (port === undefined) {
      const decision = decisions[next];
      if (decision && decision.nodeId === node) {
        next++;
        if (decision.port === null) break;
        port = decision.port;
      } else if (node === to && next >= decisions.length) {
        break;
      } else {
        const ports = Object.keys(flow.nodes[node]?.next ?? {});
        if (ports.length !== 1) break;
        port = ports[0]!;
      }
    }
    const target = flow.nodes[node]?.next[port];
    if (target === undefined) break;
    edges.push(edgeId(node, port, target));
    nodes.push(target);
    node = target;
    port = undefined;
  }
  return { nodes, edges };
}

const describeCommand = (command: Command): TranscriptLine[] => {
  switch (command.type) {
    case 'send':
      return [{ role: 'bot', text: command.text, nodeId: command.nodeId }];
    case 'escalate':
      return [
        {
          role: 'system',
          text: `Handed to a person: queue "${command.queue || '(none)'}", priority ${command.priority}. Reason: ${command.reason}`,
          nodeId: command.nodeId,
        },
        ...(command.handoffMessage ? [{ role: 'bot' as const, text: command.handoffMessage, nodeId: command.nodeId }] : []),
      ];
    case 'ask_survey':
      return [{ role: 'bot', text: `${command.question} (1 to ${command.scale})`, nodeId: command.nodeId }];
    case 'ai_reply':
      return [{ role: 'system', text: `The AI answers from knowledge base "${command.knowledgeBase}" for intent ${command.intent}`, nodeId: command.nodeId }];
    case 'http':
      return [{ role: 'system', text: `Calls ${command.method} ${command.url}`, nodeId: command.nodeId }];
    case 'start_timer':
      return [{ role: 'system', text: `Waits ${formatSeconds(command.seconds)}`, nodeId: command.nodeId }];
    case 'check_hours':
      return [{ role: 'system', text: `Checks the business hours of queue "${command.queue}"`, nodeId: command.nodeId }];
    case 'tag':
      return [{ role: 'system', text: `Tags: ${[...command.add.map((tag) => `+${tag}`), ...command.remove.map((tag) => `−${tag}`)].join(' ')}`, nodeId: command.nodeId }];
    case 'end':
      return [{ role: 'system', text: `Conversation ends: ${command.outcome}${command.reason ? ` (${command.reason})` : ''}`, nodeId: command.nodeId ?? undefined }];
    default:
      return [];
  }
};

/** The port an event takes out of the node it resumes, when no decision records it. */
const portOf = (event: FlowEvent, state: RunState): string | undefined => {
  if (event.type === 'message' && state.wait?.kind === 'reply') return 'replied';
  if (event.type === 'timer_fired') return 'next';
  return undefined;
};

function absorb(run: TestRun, flow: CompiledFlow, from: string | null, step: Step, firstPort?: string): TestRun {
  const stop = step.state.ended ? step.state.ended.nodeId : step.state.nodeId;
  const walked = from === null ? { nodes: [], edges: [] } : walkPath(flow, from, step.decisions, stop, firstPort);
  const waitId = step.state.wait?.id;
  return {
    ...run,
    state: step.state,
    status: step.status,
    transcript: [...run.transcript, ...step.commands.flatMap(describeCommand)],
    decisions: [...run.decisions, ...step.decisions],
    path: [...run.path, ...(run.path[run.path.length - 1] === walked.nodes[0] ? walked.nodes.slice(1) : walked.nodes)],
    edges: [...run.edges, ...walked.edges],
    waitingOn: step.commands.find((command) => 'id' in command && command.id === waitId && command.type !== 'wait_for_reply') ?? null,
  };
}

/** A customer message: starts the run, or continues it when it waits for the customer. */
export function sendMessage(run: TestRun, flow: CompiledFlow, text: string, signals: SignalsInput, now: string): TestRun {
  const withMessage: TestRun = {
    ...run,
    transcript: [...run.transcript, { role: 'customer', text }],
    signals: [...run.signals, { text, signals }],
  };
  if (!run.state || run.status === 'ended') {
    const fresh = { ...emptyRun(), transcript: withMessage.transcript, signals: withMessage.signals };
    return absorb(fresh, flow, flow.start, start(flow, { now, message: { text, signals } }, { honourDetect: true }));
  }
  if (run.state.wait?.kind === 'survey') {
    const score = Number.parseInt(text, 10);
    return deliver(withMessage, flow, { type: 'survey_answer', id: run.state.wait.id, score: Number.isNaN(score) ? null : score, at: now });
  }
  return deliver(withMessage, flow, { type: 'message', text, signals, at: now });
}

/** An outreach flow starts from its business event (a trigger's payload), not from a customer message. */
export function triggerEvent(flow: CompiledFlow, event: Record<string, Json>, now: string): TestRun {
  const fresh = { ...emptyRun(), transcript: [{ role: 'system' as const, text: `Triggered by ${JSON.stringify(event)}` }] };
  return absorb(fresh, flow, flow.start, start(flow, { now, event }, { honourDetect: true }));
}

/** Any other event (an AI answer, an HTTP result, a timer, an agent resolving the task). */
export function deliver(run: TestRun, flow: CompiledFlow, event: FlowEvent): TestRun {
  if (!run.state) return run;
  const step = resume(flow, run.state, event);
  if (step.ignored) return run;
  return absorb(run, flow, run.state.nodeId, step, portOf(event, run.state));
}

/** Whether the run is waiting for something a typed customer message answers. */
export const acceptsTyping = (run: TestRun, kind: CompiledFlow['kind'] = 'conversation'): boolean =>
  run.state && run.status !== 'ended'
    ? ['reply', 'collect', 'task', 'survey'].includes(run.state.wait?.kind ?? '')
    : kind === 'conversation';
