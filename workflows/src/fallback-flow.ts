import type { PinnedFlow } from './activities';

/**
 * What a conversation runs when its flow cannot be pinned (nothing published under the configured
 * name) or no longer compiles: a person takes it. Safer than an AI acting without a policy.
 */
export const FALLBACK_FLOW: PinnedFlow = {
  name: 'built-in-fallback',
  version: 0,
  contentHash: 'built-in',
  content: {
    id: 'built-in-fallback',
    name: 'Built-in fallback',
    kind: 'conversation',
    nodes: [
      { id: 'start', type: 'start', config: { trigger: 'conversation' } },
      {
        id: 'person',
        type: 'escalate',
        label: 'No usable flow',
        config: {
          queue: 'support',
          priority: 'normal',
          reason: 'No usable conversation flow is published; a person takes over',
          handoffMessage: "Thanks for your message. A member of our team will be with you shortly.",
        },
      },
      { id: 'done', type: 'end', config: { outcome: 'resolved' } },
      { id: 'gone', type: 'end', config: { outcome: 'abandoned' } },
    ],
    edges: [
      { id: 'start:next->person', source: 'start', sourcePort: 'next', target: 'person' },
      { id: 'person:resolved->done', source: 'person', sourcePort: 'resolved', target: 'done' },
      { id: 'person:abandoned->gone', source: 'person', sourcePort: 'abandoned', target: 'gone' },
    ],
  },
};
