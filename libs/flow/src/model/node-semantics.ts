import { templateExpressions } from '../expressions/expression';
import type { FlowNode } from './flow.schema';

export interface ExpressionSite {
  /** Path of the config field, e.g. `config.cases[1].when`. */
  field: string;
  source: string;
  /** Whether `response` is in scope (action response mapping). */
  response?: boolean;
}

const fromTemplate = (field: string, text: string | undefined): ExpressionSite[] =>
  text === undefined ? [] : templateExpressions(text).map((source) => ({ field, source }));

/** Every expression a node holds, including the `{{ }}` parts of its text templates. */
export const expressionsOf = (node: FlowNode): ExpressionSite[] => {
  switch (node.type) {
    case 'condition':
      return [{ field: 'config.expression', source: node.config.expression }];
    case 'switch':
      return node.config.cases.map((entry, i) => ({ field: `config.cases[${i}].when`, source: entry.when }));
    case 'set_variable':
      return node.config.assignments.map((entry, i) => ({ field: `config.assignments[${i}].expression`, source: entry.expression }));
    case 'action':
      return [
        ...fromTemplate('config.url', node.config.url),
        ...fromTemplate('config.body', node.config.body),
        ...node.config.responseMapping.map((entry, i) => ({
          field: `config.responseMapping[${i}].expression`,
          source: entry.expression,
          response: true,
        })),
      ];
    case 'send':
      return fromTemplate('config.text', node.config.text);
    case 'collect':
      return [...fromTemplate('config.prompt', node.config.prompt), ...fromTemplate('config.retryPrompt', node.config.retryPrompt)];
    case 'escalate':
      return [...fromTemplate('config.reason', node.config.reason), ...fromTemplate('config.handoffMessage', node.config.handoffMessage)];
    case 'survey':
      return fromTemplate('config.question', node.config.question);
    case 'end':
      return fromTemplate('config.message', node.config.message);
    case 'ai_reply':
      return Object.entries(node.config.templates).flatMap(([intent, text]) => fromTemplate(`config.templates.${intent}`, text));
    default:
      return [];
  }
};

/** Variables a node writes (so expressions elsewhere may read them). */
export const variablesWrittenBy = (node: FlowNode): string[] => {
  switch (node.type) {
    case 'set_variable':
      return node.config.assignments.map((entry) => entry.variable);
    case 'action':
      return [...node.config.responseMapping.map((entry) => entry.variable), ...(node.config.statusVariable ? [node.config.statusVariable] : [])];
    case 'collect':
      return [node.config.variable];
    case 'wait_for_reply':
    case 'survey':
      return node.config.variable ? [node.config.variable] : [];
    default:
      return [];
  }
};

const DAY = 86_400;
/** Bounds (seconds) of every timer-like field: [min, max]. */
export const TIMER_BOUNDS = {
  'wait.seconds': [1, 30 * DAY],
  'wait_for_reply.timeoutSeconds': [10, 30 * DAY],
  'collect.timeoutSeconds': [10, 7 * DAY],
  'survey.timeoutSeconds': [10, 7 * DAY],
  'action.timeoutSeconds': [1, 60],
  'escalate.sla': [10, 30 * DAY],
} as const satisfies Record<string, readonly [number, number]>;

/** Timer fields of a node with their values and bounds. */
export const timersOf = (node: FlowNode): { field: string; value: number; min: number; max: number }[] => {
  const at = (key: keyof typeof TIMER_BOUNDS, field: string, value: number | undefined) =>
    value === undefined ? [] : [{ field, value, min: TIMER_BOUNDS[key][0], max: TIMER_BOUNDS[key][1] }];
  switch (node.type) {
    case 'wait':
      return at('wait.seconds', 'config.seconds', node.config.seconds);
    case 'wait_for_reply':
      return at('wait_for_reply.timeoutSeconds', 'config.timeoutSeconds', node.config.timeoutSeconds);
    case 'collect':
      return at('collect.timeoutSeconds', 'config.timeoutSeconds', node.config.timeoutSeconds);
    case 'survey':
      return at('survey.timeoutSeconds', 'config.timeoutSeconds', node.config.timeoutSeconds);
    case 'action':
      return at('action.timeoutSeconds', 'config.timeoutSeconds', node.config.timeoutSeconds);
    case 'escalate':
      return [
        ...at('escalate.sla', 'config.sla.claimSeconds', node.config.sla.claimSeconds),
        ...at('escalate.sla', 'config.sla.firstReplySeconds', node.config.sla.firstReplySeconds),
        ...at('escalate.sla', 'config.sla.resolveSeconds', node.config.sla.resolveSeconds),
      ];
    default:
      return [];
  }
};

/** Human-readable duration for messages: 90 -> "1m 30s". */
export const formatSeconds = (seconds: number): string => {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['d', DAY], ['h', 3600], ['m', 60]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
};
