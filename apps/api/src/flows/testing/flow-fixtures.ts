import { edgeId } from '@baton/flow';

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];
type EdgeSpec = [source: string, port: string, target: string];

/** A flow document from terse node and edge lists (as libs/flow's test fixtures build them). */
export const flowDocument = (id: string, nodes: NodeSpec[], edges: EdgeSpec[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: id,
  kind: 'conversation',
  variables: [],
  nodes: nodes.map(([nodeId, type, config], i) => ({ id: nodeId, type, position: { x: i * 200, y: 0 }, config: config ?? {} })),
  edges: edges.map(([source, port, target]) => ({ id: edgeId(source, port, target), source, sourcePort: port, target })),
  ...extra,
});

/** A valid conversation policy: classify, then a person for sensitive topics, else an AI answer. */
export const policyDocument = (id: string, queue = 'care'): Record<string, unknown> =>
  flowDocument(
    id,
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
  );
