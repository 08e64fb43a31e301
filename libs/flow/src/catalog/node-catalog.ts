import { z } from 'zod';
import {
  actionConfigSchema,
  aiReplyConfigSchema,
  businessHoursConfigSchema,
  classifyConfigSchema,
  collectConfigSchema,
  conditionConfigSchema,
  endConfigSchema,
  escalateConfigSchema,
  sendConfigSchema,
  setVariableConfigSchema,
  startConfigSchema,
  subflowConfigSchema,
  surveyConfigSchema,
  switchConfigSchema,
  tagConfigSchema,
  waitConfigSchema,
  waitForReplyConfigSchema,
  type NodeConfig,
  type NodeType,
} from '../model/flow.schema';

export interface PortDefinition {
  name: string;
  label: string;
  /** An unconnected required port is a validation error. */
  required: boolean;
}

/**
 * How a node relates to time and the customer, which the loop rule needs: a cycle must pass a node
 * that waits for time or for the customer, or it could spin.
 */
export type NodeWaits = 'never' | 'external' | 'time_or_customer';

export interface NodeDefinition<T extends NodeType = NodeType> {
  type: T;
  title: string;
  help: string;
  /** A lucide icon name the designer renders. */
  icon: string;
  category: 'trigger' | 'understand' | 'logic' | 'respond' | 'integrate' | 'handoff' | 'data' | 'finish';
  configSchema: z.ZodType<NodeConfig<T>>;
  /** Output ports; `config` is unvalidated when it comes from the canvas, so read it defensively. */
  ports: (config: unknown) => PortDefinition[];
  waits: NodeWaits;
  /** Flow kinds the node may appear in. */
  kinds: ('conversation' | 'outreach')[];
}

const port = (name: string, label: string, required = true): PortDefinition => ({ name, label, required });
const fixed = (...ports: PortDefinition[]) => () => ports;
const both: ('conversation' | 'outreach')[] = ['conversation', 'outreach'];

const switchPorts = (config: unknown): PortDefinition[] => {
  const cases = (config as { cases?: unknown } | null)?.cases;
  const ports: PortDefinition[] = [];
  if (Array.isArray(cases)) {
    for (const entry of cases) {
      const name = (entry as { port?: unknown } | null)?.port;
      const label = (entry as { label?: unknown } | null)?.label;
      if (typeof name === 'string' && name !== 'default' && !ports.some((p) => p.name === name)) {
        ports.push(port(name, typeof label === 'string' && label ? label : name));
      }
    }
  }
  ports.push(port('default', 'Otherwise'));
  return ports;
};

const definitions: { [T in NodeType]: NodeDefinition<T> } = {
  start: {
    type: 'start',
    title: 'Start',
    help: 'Where the flow begins: a new conversation, a business event or a schedule.',
    icon: 'play',
    category: 'trigger',
    configSchema: startConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'never',
    kinds: both,
  },
  classify: {
    type: 'classify',
    title: 'Classify message',
    help: 'Reads the last customer message: intent, confidence, out-of-scope, sentiment and its shift, entities, language, complexity. Name a trained intent model to read intents with it.',
    icon: 'scan-text',
    category: 'understand',
    configSchema: classifyConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'external',
    kinds: both,
  },
  condition: {
    type: 'condition',
    title: 'Condition',
    help: 'Goes one way when an expression over variables and signals is true, the other when false.',
    icon: 'git-branch',
    category: 'logic',
    configSchema: conditionConfigSchema,
    ports: fixed(port('true', 'True'), port('false', 'False')),
    waits: 'never',
    kinds: both,
  },
  switch: {
    type: 'switch',
    title: 'Switch',
    help: 'Takes the first case whose expression is true, or "Otherwise".',
    icon: 'split',
    category: 'logic',
    configSchema: switchConfigSchema,
    ports: switchPorts,
    waits: 'never',
    kinds: both,
  },
  ai_reply: {
    type: 'ai_reply',
    title: 'AI reply',
    help: 'Answers from a knowledge base or an intent template; unsure answers go to Fallback.',
    icon: 'sparkles',
    category: 'respond',
    configSchema: aiReplyConfigSchema,
    ports: fixed(port('answered', 'Answered'), port('fallback', 'Fallback')),
    waits: 'external',
    kinds: both,
  },
  action: {
    type: 'action',
    title: 'HTTP action',
    help: "Calls your business system over HTTP and maps the response into variables.",
    icon: 'webhook',
    category: 'integrate',
    configSchema: actionConfigSchema,
    ports: fixed(port('success', 'Success'), port('error', 'Error')),
    waits: 'external',
    kinds: both,
  },
  collect: {
    type: 'collect',
    title: 'Collect',
    help: 'Asks the customer for a value, checks it, and asks again up to a limit.',
    icon: 'form-input',
    category: 'data',
    configSchema: collectConfigSchema,
    ports: fixed(port('collected', 'Collected'), port('invalid', 'Gave up'), port('timeout', 'No answer')),
    waits: 'time_or_customer',
    kinds: both,
  },
  send: {
    type: 'send',
    title: 'Send message',
    help: 'Sends a message or a channel template to the customer.',
    icon: 'send',
    category: 'respond',
    configSchema: sendConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'never',
    kinds: both,
  },
  wait: {
    type: 'wait',
    title: 'Wait',
    help: 'Pauses the flow for a fixed time.',
    icon: 'timer',
    category: 'logic',
    configSchema: waitConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'time_or_customer',
    kinds: both,
  },
  wait_for_reply: {
    type: 'wait_for_reply',
    title: 'Wait for reply',
    help: "Waits for the customer's next message, or goes to Timeout.",
    icon: 'message-circle-reply',
    category: 'logic',
    configSchema: waitForReplyConfigSchema,
    ports: fixed(port('replied', 'Replied'), port('timeout', 'Timeout')),
    waits: 'time_or_customer',
    kinds: both,
  },
  business_hours: {
    type: 'business_hours',
    title: 'Business hours',
    help: "Checks opening hours in a time zone, with holidays: its own calendar, or a queue's as supervisors set it.",
    icon: 'clock',
    category: 'logic',
    configSchema: businessHoursConfigSchema,
    ports: fixed(port('open', 'Open'), port('closed', 'Closed')),
    waits: 'never',
    kinds: both,
  },
  escalate: {
    type: 'escalate',
    title: 'Escalate to a person',
    help: 'Puts a task with full context in a queue and waits for an agent to resolve it.',
    icon: 'headset',
    category: 'handoff',
    configSchema: escalateConfigSchema,
    ports: fixed(port('resolved', 'Resolved'), port('sla_breached', 'SLA breached', false), port('abandoned', 'Abandoned')),
    waits: 'time_or_customer',
    kinds: both,
  },
  survey: {
    type: 'survey',
    title: 'CSAT survey',
    help: 'Asks the customer to rate the conversation.',
    icon: 'star',
    category: 'finish',
    configSchema: surveyConfigSchema,
    ports: fixed(port('answered', 'Answered'), port('no_answer', 'No answer')),
    waits: 'time_or_customer',
    kinds: both,
  },
  set_variable: {
    type: 'set_variable',
    title: 'Set variable',
    help: 'Sets conversation variables from expressions.',
    icon: 'variable',
    category: 'data',
    configSchema: setVariableConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'never',
    kinds: both,
  },
  tag: {
    type: 'tag',
    title: 'Tag',
    help: 'Adds or removes conversation tags for reporting.',
    icon: 'tag',
    category: 'data',
    configSchema: tagConfigSchema,
    ports: fixed(port('next', 'Next')),
    waits: 'never',
    kinds: both,
  },
  subflow: {
    type: 'subflow',
    title: 'Subflow',
    help: 'Runs another flow of the same kind, then continues.',
    icon: 'workflow',
    category: 'logic',
    configSchema: subflowConfigSchema,
    ports: fixed(port('done', 'Done')),
    waits: 'never',
    kinds: both,
  },
  end: {
    type: 'end',
    title: 'End',
    help: 'Ends the flow with an outcome.',
    icon: 'circle-stop',
    category: 'finish',
    configSchema: endConfigSchema,
    ports: fixed(),
    waits: 'never',
    kinds: both,
  },
};

/** Every node type the designer offers, in palette order. */
export const NODE_TYPES = Object.keys(definitions) as NodeType[];

export const isNodeType = (type: unknown): type is NodeType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(definitions, type);

export const nodeDefinition = <T extends NodeType>(type: T): NodeDefinition<T> => definitions[type] as NodeDefinition<T>;

/** Output ports of a node of `type` with `config` (switch ports come from its cases). */
export const portsOf = (type: NodeType, config: unknown): PortDefinition[] => definitions[type].ports(config);

export interface CatalogEntry {
  type: NodeType;
  title: string;
  help: string;
  icon: string;
  category: NodeDefinition['category'];
  /** JSON Schema (draft 2020-12) of the config, for the designer's forms. */
  configJsonSchema: Record<string, unknown>;
  /** Ports with default config; a switch's ports come from its cases. */
  ports: PortDefinition[];
  dynamicPorts: boolean;
}

/** The catalog as plain data: what the designer's palette and forms render. */
export const nodeCatalog = (): CatalogEntry[] =>
  NODE_TYPES.map((type) => {
    const definition = definitions[type];
    return {
      type,
      title: definition.title,
      help: definition.help,
      icon: definition.icon,
      category: definition.category,
      configJsonSchema: z.toJSONSchema(definition.configSchema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >,
      ports: definition.ports({}),
      dynamicPorts: type === 'switch',
    };
  });
