import { z } from 'zod';

/**
 * The flow model: a typed graph of nodes joined by edges from a node's named output port to another
 * node. One zod schema per node type; every type below is inferred from these schemas.
 */

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'use only letters, digits, "_" and "-"');

/** A variable name as expressions see it: `vars.<name>`. */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or "_" and contain only letters, digits and "_"');

/** A CEL expression over `vars`, `signals`, `message`, `conversation`, `customer` and `event`. */
const expression = z.string().min(1, 'enter an expression').describe('CEL expression');
/** Text where `{{ expression }}` parts are replaced by their values. */
const template = z.string().describe('text with {{ expression }} placeholders');
/** Seconds; bounds per field are checked by the validator (code timer_out_of_bounds). */
const seconds = z.number().int('must be a whole number of seconds');

export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const startConfigSchema = z.object({
  trigger: z.enum(['conversation', 'event', 'schedule']).default('conversation'),
  /** Outreach: the business event that starts the flow, e.g. `shipment.delayed`. */
  eventName: z.string().optional(),
  /** Outreach: a cron expression for a Temporal Schedule. */
  cron: z.string().optional(),
});

/**
 * A named intent model (`POST /nlu/models/:name/train`): its current version, or the version given.
 * Names are spelt as the API's model names are (letters, digits and `. _ : @ + -`), so a name may
 * itself contain `@`: the version is a field of its own, never a `name@version` suffix.
 */
export const intentModelRefSchema = z.strictObject({
  name: z
    .string()
    .min(1, 'enter the name of a trained intent model')
    .max(128, 'must be at most 128 characters')
    .regex(/^[A-Za-z0-9._:@+-]+$/, 'may contain only letters, digits and . _ : @ + -'),
  /** Pins this version; without it the model's current version is used (retraining and rollback apply). */
  version: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
});

export const classifyConfigSchema = z.object({
  /**
   * The intent model that reads the message; without it, the one triage used when the message
   * arrived (the worker's NLU_MODEL, `conversation-default` unless configured).
   */
  model: intentModelRefSchema.optional(),
  /** Intents under this confidence count as not understood (out of scope). */
  intentFloor: z.number().min(0).max(1).default(0.5),
  detect: z
    .object({
      intent: z.boolean().default(true),
      outOfScope: z.boolean().default(true),
      sentiment: z.boolean().default(true),
      entities: z.boolean().default(true),
      language: z.boolean().default(true),
      complexity: z.boolean().default(true),
    })
    .default({ intent: true, outOfScope: true, sentiment: true, entities: true, language: true, complexity: true }),
});

export const conditionConfigSchema = z.object({ expression });

export const switchCaseSchema = z.object({
  port: id,
  label: z.string().default(''),
  when: expression,
});
export const switchConfigSchema = z.object({
  /** Checked in order; the first case whose expression is true wins, otherwise `default`. */
  cases: z.array(switchCaseSchema).min(1, 'add at least one case'),
});

export const aiReplyConfigSchema = z.object({
  source: z.enum(['knowledge_base', 'intent_template']),
  /** knowledge_base: the knowledge base to answer from. */
  knowledgeBase: z.string().optional(),
  /** intent_template: reply text per intent label. */
  templates: z.record(z.string(), template).default({}),
  instructions: z.string().optional(),
  /** Answers under this confidence go to the `fallback` port and count as an AI failure. */
  confidenceFloor: z.number().min(0).max(1).default(0.6),
});

export const actionConfigSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: template.pipe(z.string().min(1, 'enter a URL')),
  /** Header values come from named secrets the worker holds, never from the flow. */
  headers: z.array(z.object({ name: z.string().min(1), secret: z.string().min(1) })).default([]),
  body: template.optional(),
  /** Each variable gets the value of a CEL expression over `response` ({ status, body }). */
  responseMapping: z.array(z.object({ variable: variableNameSchema, expression })).default([]),
  /** Stores the HTTP status in this variable on either port (0 when no answer came), e.g. to tell 404 from an outage. */
  statusVariable: variableNameSchema.optional(),
  timeoutSeconds: seconds.default(10),
  retries: z.number().int().min(0).max(10).default(2),
});

export const collectConfigSchema = z.object({
  variable: variableNameSchema,
  prompt: template.pipe(z.string().min(1, 'enter the question to ask')),
  valueType: z.enum(['text', 'number', 'email', 'phone', 'order_number', 'date', 'pattern']).default('text'),
  /** valueType `pattern`: a regular expression the whole answer must match. */
  pattern: z.string().optional(),
  retryPrompt: template.optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  timeoutSeconds: seconds.default(900),
});

export const sendConfigSchema = z.object({
  text: template.pipe(z.string().min(1, 'enter the message')),
  /** Outreach: a pre-approved channel template (e.g. WhatsApp) to send instead of free text. */
  channelTemplate: z.string().optional(),
});

export const waitConfigSchema = z.object({ seconds });

export const waitForReplyConfigSchema = z.object({
  timeoutSeconds: seconds.default(86_400),
  /** Store the reply text in this variable. */
  variable: variableNameSchema.optional(),
});

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'use HH:MM, 24-hour');
export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const businessHoursConfigSchema = z.object({
  /**
   * Read the hours of this queue (its time zone, weekly hours and holidays, as supervisors set them)
   * when the node runs, instead of the calendar below.
   */
  queue: z.string().min(1).optional(),
  /** An IANA time zone, e.g. `Europe/Berlin` (not used when `queue` is set). */
  timeZone: z.string().default(''),
  weekly: z.array(z.object({ day: weekdaySchema, open: hhmm, close: hhmm })).default([]),
  /** Dates (YYYY-MM-DD, in the time zone) when the business is closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')).default([]),
});

export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const escalateConfigSchema = z.object({
  /** Empty is reported as escalate_without_queue. */
  queue: z.string().default(''),
  priority: prioritySchema.default('normal'),
  requiredSkills: z.array(z.string().min(1)).default([]),
  reason: template.default(''),
  handoffMessage: template.optional(),
  sla: z
    .object({ claimSeconds: seconds.optional(), firstReplySeconds: seconds.optional(), resolveSeconds: seconds.optional() })
    .default({}),
});

export const surveyConfigSchema = z.object({
  kind: z.enum(['csat']).default('csat'),
  question: template.pipe(z.string().min(1, 'enter the question')),
  scale: z.number().int().min(2).max(10).default(5),
  timeoutSeconds: seconds.default(3600),
  /** Stores the score in this variable too. */
  variable: variableNameSchema.optional(),
});

export const setVariableConfigSchema = z.object({
  assignments: z.array(z.object({ variable: variableNameSchema, expression })).min(1, 'add at least one assignment'),
});

export const tagConfigSchema = z.object({
  add: z.array(z.string().min(1)).default([]),
  remove: z.array(z.string().min(1)).default([]),
});

export const subflowConfigSchema = z.object({
  /** The id of another flow of the same kind; the compiler inlines it. */
  flowId: z.string().min(1),
});

export const endOutcomeSchema = z.enum(['resolved', 'escalated', 'abandoned', 'no_action', 'failed']);
export const endConfigSchema = z.object({
  outcome: endOutcomeSchema.default('resolved'),
  message: template.optional(),
});

const node = <T extends string, C extends z.ZodType>(type: T, config: C) =>
  z.object({
    id,
    type: z.literal(type),
    label: z.string().optional(),
    position: positionSchema.default({ x: 0, y: 0 }),
    config,
  });

export const startNodeSchema = node('start', startConfigSchema);
export const classifyNodeSchema = node('classify', classifyConfigSchema);
export const conditionNodeSchema = node('condition', conditionConfigSchema);
export const switchNodeSchema = node('switch', switchConfigSchema);
export const aiReplyNodeSchema = node('ai_reply', aiReplyConfigSchema);
export const actionNodeSchema = node('action', actionConfigSchema);
export const collectNodeSchema = node('collect', collectConfigSchema);
export const sendNodeSchema = node('send', sendConfigSchema);
export const waitNodeSchema = node('wait', waitConfigSchema);
export const waitForReplyNodeSchema = node('wait_for_reply', waitForReplyConfigSchema);
export const businessHoursNodeSchema = node('business_hours', businessHoursConfigSchema);
export const escalateNodeSchema = node('escalate', escalateConfigSchema);
export const surveyNodeSchema = node('survey', surveyConfigSchema);
export const setVariableNodeSchema = node('set_variable', setVariableConfigSchema);
export const tagNodeSchema = node('tag', tagConfigSchema);
export const subflowNodeSchema = node('subflow', subflowConfigSchema);
export const endNodeSchema = node('end', endConfigSchema);

export const flowNodeSchema = z.discriminatedUnion('type', [
  startNodeSchema,
  classifyNodeSchema,
  conditionNodeSchema,
  switchNodeSchema,
  aiReplyNodeSchema,
  actionNodeSchema,
  collectNodeSchema,
  sendNodeSchema,
  waitNodeSchema,
  waitForReplyNodeSchema,
  businessHoursNodeSchema,
  escalateNodeSchema,
  surveyNodeSchema,
  setVariableNodeSchema,
  tagNodeSchema,
  subflowNodeSchema,
  endNodeSchema,
]);

export const flowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  sourcePort: z.string().min(1),
  target: z.string().min(1),
});

export const variableTypeSchema = z.enum(['string', 'number', 'boolean', 'list', 'map']);
export const flowVariableSchema = z.object({
  name: variableNameSchema,
  type: variableTypeSchema.default('string'),
  default: z.json().optional(),
  description: z.string().optional(),
});

export const flowKindSchema = z.enum(['conversation', 'outreach']);

export const flowSchema = z.object({
  id,
  name: z.string().min(1),
  kind: flowKindSchema,
  description: z.string().optional(),
  variables: z.array(flowVariableSchema).default([]),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});

export type Position = z.infer<typeof positionSchema>;
export type FlowKind = z.infer<typeof flowKindSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeInput = z.input<typeof flowNodeSchema>;
export type NodeType = FlowNode['type'];
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;
export type NodeConfig<T extends NodeType> = NodeOf<T>['config'];
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowVariable = z.infer<typeof flowVariableSchema>;
export type VariableType = z.infer<typeof variableTypeSchema>;
export type Flow = z.infer<typeof flowSchema>;
/** A flow as written by hand or by the designer: defaults may be left out. */
export type FlowInput = z.input<typeof flowSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type EndOutcome = z.infer<typeof endOutcomeSchema>;
export type Weekday = z.infer<typeof weekdaySchema>;
export type IntentModelRef = z.infer<typeof intentModelRefSchema>;

/** The deterministic id of the edge from `source`'s `port` to `target`. */
export const edgeId = (source: string, port: string, target: string): string => `${source}:${port}->${target}`;
