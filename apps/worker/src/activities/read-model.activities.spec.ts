import type { DataSource } from 'typeorm';
import type { ConversationRecord, MessageRecord, TaskRecord } from '@baton/workflows';
import { freshDatabase } from '@baton/db';
import { createReadModelActivities } from './read-model.activities';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const database = freshDatabase('read_models', 2);
let db: DataSource;
let store: ReturnType<typeof createReadModelActivities>;

beforeAll(async () => {
  db = await database.open();
  store = createReadModelActivities(db);
}, 30_000);

afterAll(() => database.close());

const conversationId = '00000000-0000-4000-8000-000000000001';
const conversation = (eventSeq: number, stage: ConversationRecord['stage']): ConversationRecord => ({
  id: conversationId,
  workflowId: 'conversation/web/k',
  channel: 'web',
  conversationKey: 'k',
  customerId: 'cus_1',
  stage,
  intent: null,
  decisions: [],
  flowName: 'conversation-default',
  flowVersion: 1,
  eventSeq,
  createdAt: '2026-12-04T10:00:00Z',
  updatedAt: '2026-12-04T10:00:00Z',
});
const message = (id: string, seq: number, text: string, idempotencyKey: string | null = null): MessageRecord => ({
  id,
  conversationId,
  seq,
  role: 'customer',
  author: 'cus_1',
  text,
  channel: 'web',
  conversationKey: 'k',
  idempotencyKey,
  signals: null,
  createdAt: '2026-12-04T10:00:01Z',
});
const task = (eventSeq: number, claimedBy: string | null): TaskRecord => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  conversationId,
  customerId: 'cus_1',
  workflowId: 'conversation/web/k',
  queue: 'support',
  priority: 'high',
  requiredSkills: ['licensed'],
  status: claimedBy ? 'claimed' : 'open',
  reason: 'r',
  context: { summary: '', transcript: [], collected: {}, signals: null, decisions: [] },
  claimedBy,
  reservedFor: null,
  reservationExpiresAt: null,
  sla: {},
  claimedAt: null,
  firstReplyAt: null,
  resolvedAt: null,
  disposition: null,
  notes: null,
  history: [],
  eventSeq,
  createdAt: '2026-12-04T10:00:02Z',
  updatedAt: '2026-12-04T10:00:02Z',
});

describe('read-model activities', () => {
  it('never rolls a conversation back to an older event', async () => {
    await store.recordConversation(conversation(3, 'escalated'));
    await store.recordConversation(conversation(2, 'ai_handling'));
    expect((await db.query(`SELECT stage FROM conversations`))[0].stage).toBe('escalated');
  });

  it('stores a retried message write once', async () => {
    const first = message('00000000-0000-4000-8000-000000000010', 4, 'hello', 'key-1');
    await store.recordMessage(first);
    await store.recordMessage(first);
    expect(await db.query(`SELECT id, text FROM messages`)).toEqual([{ id: first.id, text: 'hello' }]);
  });

  it("lets the workflow's final attempt win when a failed attempt wrote other content under the same event", async () => {
    await store.recordTask(task(5, 'agent-a'));
    await store.recordTask(task(5, 'agent-b'));
    expect((await db.query(`SELECT claimed_by FROM tasks`))[0].claimed_by).toBe('agent-b');

    await store.recordMessage(message('00000000-0000-4000-8000-000000000020', 6, 'from the failed attempt', 'key-2'));
    await store.recordMessage(message('00000000-0000-4000-8000-000000000021', 6, 'from the attempt that counts', 'key-2'));
    expect(await db.query(`SELECT text FROM messages WHERE seq = 6`)).toEqual([{ text: 'from the attempt that counts' }]);
  });
});
