import { edgeId, type FlowInput } from '../model/flow.schema';

/** Builds a flow from terse node and edge lists; positions follow the list order. */
export const buildFlow = (
  nodes: [id: string, type: string, config?: Record<string, unknown>][],
  edges: [source: string, port: string, target: string][],
  extra: Partial<FlowInput> = {},
): FlowInput =>
  ({
    id: 'test-flow',
    name: 'Test flow',
    kind: 'conversation',
    variables: [],
    nodes: nodes.map(([id, type, config], i) => ({ id, type, position: { x: i * 200, y: 0 }, config: config ?? {} })),
    edges: edges.map(([source, port, target]) => ({ id: edgeId(source, port, target), source, sourcePort: port, target })),
    ...extra,
  }) as FlowInput;

/** A small policy: classify, switch on intent and risks, then AI reply, an order lookup or a person. */
export const policyFlow = (): FlowInput =>
  buildFlow(
    [
      ['start', 'start', { trigger: 'conversation' }],
      ['classify', 'classify', { intentFloor: 0.5 }],
      [
        'route',
        'switch',
        {
          cases: [
            { port: 'sensitive', label: 'Sensitive topic', when: 'signals.risks.exists(r, r in ["distress", "medical", "financial_hardship"])' },
            { port: 'order', label: 'Order status', when: 'signals.intent == "order_status"' },
            { port: 'billing', label: 'Billing question', when: 'signals.intent == "billing" && signals.sentiment > -0.6' },
          ],
        },
      ],
      ['care', 'escalate', { queue: 'care', priority: 'urgent', requiredSkills: ['care'], reason: 'Sensitive topic: {{ signals.risks }}', sla: { claimSeconds: 120 } }],
      ['support', 'escalate', { queue: 'support', reason: 'AI could not help with {{ signals.intent }}' }],
      ['lookup', 'action', { method: 'GET', url: 'https://shop.example/orders/{{ signals.entities.orderNumbers[0] }}', headers: [{ name: 'Authorization', secret: 'shop-token' }], responseMapping: [{ variable: 'orderStatus', expression: 'response.body.status' }] }],
      ['tell', 'send', { text: 'Your order is {{ vars.orderStatus }}.' }],
      ['billing', 'ai_reply', { source: 'knowledge_base', knowledgeBase: 'billing-faq', confidenceFloor: 0.7 }],
      ['reply', 'wait_for_reply', { timeoutSeconds: 600 }],
      ['csat', 'survey', { question: 'How did we do, 1 to 5?' }],
      ['done', 'end', { outcome: 'resolved' }],
      ['gone', 'end', { outcome: 'abandoned' }],
    ],
    [
      ['start', 'next', 'classify'],
      ['classify', 'next', 'route'],
      ['route', 'sensitive', 'care'],
      ['route', 'order', 'lookup'],
      ['route', 'billing', 'billing'],
      ['route', 'default', 'support'],
      ['lookup', 'success', 'tell'],
      ['lookup', 'error', 'support'],
      ['tell', 'next', 'reply'],
      ['billing', 'answered', 'reply'],
      ['billing', 'fallback', 'support'],
      ['reply', 'replied', 'classify'],
      ['reply', 'timeout', 'gone'],
      ['care', 'resolved', 'csat'],
      ['care', 'abandoned', 'gone'],
      ['support', 'resolved', 'csat'],
      ['support', 'abandoned', 'gone'],
      ['csat', 'answered', 'done'],
      ['csat', 'no_answer', 'done'],
    ],
    { id: 'policy', name: 'Policy', variables: [{ name: 'orderStatus', type: 'string' }] },
  );

/** A small valid conversation policy named `id`: sensitive topics go to a person in `queue`, the rest to an AI answer. */
export const smallPolicyFlow = (id: string, queue = 'care'): FlowInput =>
  buildFlow(
    [
      ['start', 'start', { trigger: 'conversation' }],
      ['classify', 'classify', { intentFloor: 0.5 }],
      ['route', 'switch', { cases: [{ port: 'sensitive', label: 'Sensitive topic', when: 'signals.risks.exists(r, r in ["distress", "medical"])' }] }],
      ['care', 'escalate', { queue, priority: 'urgent', reason: 'Sensitive topic' }],
      ['answer', 'ai_reply', { source: 'knowledge_base', knowledgeBase: 'faq', confidenceFloor: 0.7 }],
      ['reply', 'wait_for_reply', { timeoutSeconds: 600 }],
      ['done', 'end', { outcome: 'resolved' }],
      ['gone', 'end', { outcome: 'abandoned' }],
    ],
    [
      ['start', 'next', 'classify'],
      ['classify', 'next', 'route'],
      ['route', 'sensitive', 'care'],
      ['route', 'default', 'answer'],
      ['answer', 'answered', 'reply'],
      ['answer', 'fallback', 'care'],
      ['reply', 'replied', 'classify'],
      ['reply', 'timeout', 'gone'],
      ['care', 'resolved', 'done'],
      ['care', 'abandoned', 'gone'],
    ],
    { id, name: id },
  );

export const signals = (partial: Record<string, unknown> = {}) => ({
  intents: [] as { label: string; confidence: number }[],
  sentiment: 0,
  risks: [] as string[],
  entities: { orderNumbers: [] as string[], emails: [] as string[] },
  ...partial,
});
