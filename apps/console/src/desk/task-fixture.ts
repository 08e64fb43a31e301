import type { TaskView } from '@baton/contracts';

/** A task as GET /desk/events sends it, for component tests. */
export const taskFixture = (overrides: Partial<TaskView> = {}): TaskView => ({
  id: 'task-1',
  conversationId: 'conv-1',
  customerId: 'cus_1001',
  queue: 'support',
  priority: 'normal',
  requiredSkills: [],
  status: 'open',
  reason: 'Customer asked for a person',
  context: { summary: 'Customer cus_1001; escalated because: Customer asked for a person.', transcript: [], collected: {}, signals: null, decisions: [] },
  claimedBy: null,
  reservedFor: null,
  reservationExpiresAt: null,
  sla: { claimDueAt: '2026-12-04T10:15:00.000Z' },
  claimedAt: null,
  firstReplyAt: null,
  resolvedAt: null,
  disposition: null,
  notes: null,
  history: [],
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
  ...overrides,
});
