import { Environment } from '@marcbachmann/cel-js';

/**
 * Expressions are CEL (Common Expression Language) evaluated by @marcbachmann/cel-js: a sandboxed
 * interpreter with no access to the host, no clock and no randomness, synchronous, non-Turing
 * complete, with parse-time size limits. Integers are CEL `int`s (whole numbers are passed in as
 * BigInt and come back as numbers); mixing int and double arithmetic needs `double(x)`.
 *
 * Roots an expression sees:
 * - `vars`: the flow's variables (declared, or set by set_variable, collect, action mappings);
 * - `signals`: what the last classify saw (see SIGNAL_FIELDS);
 * - `message`: the last customer message text;
 * - `conversation`: turns, aiFailures, tags, escalated, channel, csat;
 * - `customer`: what the workflow knows about the customer (id, tier, ...);
 * - `event`: the outreach trigger's payload;
 * - `response`: only in an action's response mapping: { status, body }.
 *
 * Besides CEL's standard functions: `s.replace(old, new)` (every occurrence, as in CEL's strings
 * extension), to turn codes like `in_transit` into words.
 */
export const EXPRESSION_ROOTS = ['vars', 'signals', 'message', 'conversation', 'customer', 'event'] as const;
export type ExpressionRoot = (typeof EXPRESSION_ROOTS)[number] | 'response';

export const SIGNAL_FIELDS = [
  'intent',
  'confidence',
  'intents',
  'outOfScope',
  'sentiment',
  'sentimentShift',
  'risks',
  'entities',
  'language',
  'complexity',
] as const;
export const CONVERSATION_FIELDS = ['turns', 'aiFailures', 'tags', 'escalated', 'channel', 'csat'] as const;

/** Fields that must exist under these roots; other roots (customer, event, response) are open. */
const CLOSED_ROOTS: Record<string, readonly string[]> = { signals: SIGNAL_FIELDS, conversation: CONVERSATION_FIELDS };

const LIMITS = { maxAstNodes: 400, maxDepth: 32, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 };

let baseEnv: Environment | undefined;
let responseEnv: Environment | undefined;
const environment = (withResponse: boolean): Environment => {
  if (!baseEnv) {
    const make = () =>
      new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false, limits: LIMITS })
        .registerVariable('vars', 'map')
        .registerVariable('signals', 'map')
        .registerVariable('message', 'string')
        .registerVariable('conversation', 'map')
        .registerVariable('customer', 'map')
        .registerVariable('event', 'map')
        .registerFunction('string.replace(string, string): string', (text: string, from: string, to: string) =>
          from === '' ? text : text.split(from).join(to),
        );
    baseEnv = make();
    responseEnv = make().registerVariable('response', 'map');
  }
  return withResponse ? responseEnv! : baseEnv;
};

export type ExpressionIssueCode = 'expression_syntax' | 'unknown_variable' | 'expression_type';
export interface ExpressionIssue {
  code: ExpressionIssueCode;
  message: string;
}

export interface CheckOptions {
  /** Names a flow may read as `vars.<name>`. */
  variables: ReadonlySet<string> | readonly string[];
  /** Allow `response` (an action's response mapping). */
  response?: boolean;
}

type AstNode = { op: string; args: unknown };
const isAst = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string';

/** Field-access chains rooted at a variable, e.g. `vars.orderNumber`, `signals.intent`. */
const collectReferences = (ast: unknown, out: Set<string>): void => {
  const chain = (node: AstNode): string[] | null => {
    if (node.op === 'id' && typeof node.args === 'string') return [node.args];
    const args = node.args as unknown[];
    if ((node.op === '.' || node.op === '.?') && Array.isArray(args) && isAst(args[0]) && typeof args[1] === 'string') {
      const base = chain(args[0]);
      return base ? [...base, args[1]] : null;
    }
    if ((node.op === '[]' || node.op === '[?]') && Array.isArray(args) && isAst(args[0]) && isAst(args[1])) {
      const key = args[1];
      if (key.op === 'value' && typeof key.args === 'string') {
        const base = chain(args[0]);
        return base ? [...base, key.args] : null;
      }
    }
    return null;
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isAst(value)) return;
    const path = chain(value);
    if (path) {
      out.add(path.join('.'));
      return;
    }
    walk(value.args);
  };
  walk(ast);
};

const firstLine = (message: string) => message.split('\n')[0]!.trim();

export interface ParsedExpression {
  source: string;
  /** Variable paths the expression reads, e.g. `vars.tier`, `signals.sentiment`. */
  references: string[];
  evaluate(scope: Record<string, unknown>): ExpressionResult;
}
export type ExpressionResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Checks syntax, types and that every variable it reads exists; returns every issue found. */
export const checkExpression = (source: string, options: CheckOptions): ExpressionIssue[] => {
  const env = environment(Boolean(options.response));
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(source);
  } catch (error) {
    return [{ code: 'expression_syntax', message: `Syntax error in "${source}": ${firstLine(String((error as Error)?.message ?? error))}` }];
  }
  const issues: ExpressionIssue[] = [];
  const known = new Set(options.variables);
  const references = new Set<string>();
  collectReferences(parsed.ast, references);
  const roots = new Set<string>([...EXPRESSION_ROOTS, ...(options.response ? ['response'] : [])]);
  for (const reference of references) {
    const [root, field] = reference.split('.');
    if (!roots.has(root!)) continue; // macro variables such as `i` in `exists(i, ...)`; unknown roots are type errors below
    if (root === 'vars' && field !== undefined && !known.has(field)) {
      issues.push({ code: 'unknown_variable', message: `Unknown variable "vars.${field}": declare it in the flow's variables or set it before use` });
    }
    const closed = CLOSED_ROOTS[root!];
    if (closed && field !== undefined && !closed.includes(field)) {
      issues.push({ code: 'unknown_variable', message: `Unknown field "${root}.${field}"; known fields: ${closed.join(', ')}` });
    }
  }
  const checked = env.check(source);
  if (!checked.valid) {
    const message = firstLine(String(checked.error?.message ?? 'invalid expression'));
    const unknown = /^Unknown variable: (\S+)/.exec(message);
    issues.push(
      unknown
        ? { code: 'unknown_variable', message: `Unknown variable "${unknown[1]}"; expressions can read ${[...roots].join(', ')}` }
        : { code: 'expression_type', message: `Type error in "${source}": ${message}` },
    );
  }
  return issues;
};

/** Plain JSON in, CEL values out: whole numbers become ints so `vars.count + 1` works. */
const toCel = (value: unknown): unknown => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = toCel(entry);
    return out;
  }
  return value;
};

/** CEL values out to plain JSON: ints back to numbers, maps to objects, bytes to arrays. */
export const fromCel = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of value) out[String(key)] = fromCel(entry);
    return out;
  }
  if (value && typeof value === 'object') {
    if (typeof (value as { valueOf?: unknown }).valueOf === 'function' && (value as object).constructor !== Object) {
      const primitive = (value as { valueOf(): unknown }).valueOf();
      if (primitive !== value && typeof primitive !== 'object') return fromCel(primitive);
    }
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = fromCel(entry);
    return out;
  }
  return value;
};

/** Reads a dotted reference such as `vars.order.id` from a plain scope (for decision records). */
export const readPath = (scope: Record<string, unknown>, path: string): unknown => {
  let current: unknown = scope;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined ? null : current;
};

/**
 * Parses an expression for evaluation. Throws on a syntax error: compile only validated flows.
 * Evaluation never throws; a runtime error (a missing map key, a type mismatch) is a result.
 */
export const parseExpression = (source: string, options: { response?: boolean } = {}): ParsedExpression => {
  const env = environment(Boolean(options.response));
  const program = env.parse(source);
  const references = new Set<string>();
  collectReferences(program.ast, references);
  const roots = new Set<string>([...EXPRESSION_ROOTS, 'response']);
  return {
    source,
    references: [...references].filter((reference) => roots.has(reference.split('.')[0]!)).sort(),
    evaluate(scope) {
      try {
        const context: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(scope)) context[key] = toCel(value);
        const value = program(context);
        if (value instanceof Promise) return { ok: false, error: 'asynchronous expressions are not supported' };
        return { ok: true, value: fromCel(value) };
      } catch (error) {
        return { ok: false, error: firstLine(String((error as Error)?.message ?? error)) };
      }
    },
  };
};

export type TemplatePart = { text: string } | { expression: string };

/** Splits `Order {{ vars.orderNumber }} is late` into text and expression parts. */
export const parseTemplate = (template: string): TemplatePart[] => {
  const parts: TemplatePart[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) break;
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    parts.push({ expression: rest.slice(open + 2, close).trim() });
    rest = rest.slice(close + 2);
  }
  if (rest) parts.push({ text: rest });
  return parts;
};

/** The expressions inside a template, for validation. */
export const templateExpressions = (template: string): string[] =>
  parseTemplate(template).flatMap((part) => ('expression' in part ? [part.expression] : []));

/** How a value reads inside a message. */
export const stringifyValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};
