import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TaskRecord } from '@baton/workflows';
import { freshDatabase } from '@baton/db';
import { createReadModelActivities } from './read-model.activities';
import { createRoutingActivities } from './routing.activities';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const database = freshDatabase('routing', 6);
let db: DataSource;
let routing: ReturnType<typeof createRoutingActivities>;
let store: ReturnType<typeof createReadModelActivities>;

beforeAll(async () => {
  db = await database.open();
  routing = createRoutingActivities(db);
  store = createReadModelActivities(db);
}, 30_000);

afterAll(() => database.close());

beforeEach(async () => {
  await db.query(`TRUNCATE agent_assignments, agents, users, tasks, conversations CASCADE`);
  await db.query(`UPDATE queues SET mode = 'pull', sla = '{}', reservation_seconds = 30`);
});

interface AgentOptions {
  skills?: string[];
  queues?: string[];
  capacity?: number;
  presence?: string;
  idleMinutes?: number;
}

async function agent({ skills = [], queues = [], capacity = 2, presence = 'available', idleMinutes = 0 }: AgentOptions = {}): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO users (id, email, name, roles) VALUES ($1, $2, 'Agent', '{agent}')`, [id, `${id}@example.com`]);
  await db.query(
    `INSERT INTO agents (user_id, skills, queues, capacity, presence, idle_since) VALUES ($1, $2, $3, $4, $5, now() - make_interval(mins => $6))`,
    [id, skills, queues, capacity, presence, idleMinutes],
  );
  return id;
}

const held = async (agentId: string) =>
  (await db.query(`SELECT task_id, kind FROM agent_assignments WHERE agent_id = $1 ORDER BY since`, [agentId])) as { task_id: string; kind: string }[];

const offer = (taskId: string, options: { queue?: string; requiredSkills?: string[]; exclude?: string[] } = {}) =>
  routing.offerTask({ taskId, queue: options.queue ?? 'support', requiredSkills: options.requiredSkills ?? [], exclude: options.exclude ?? [] });

describe('queue settings', () => {
  it('reads a configured queue and treats an unknown one as a plain pull queue', async () => {
    await db.query(`UPDATE queues SET mode = 'push', sla = '{"claimSeconds": 60}', reservation_seconds = 15 WHERE name = 'support'`);
    expect(await routing.routingFor({ queue: 'support' })).toEqual({
      known: true,
      mode: 'push',
      requiredSkills: [],
      sla: { claimSeconds: 60 },
      reservationSeconds: 15,
    });
    expect(await routing.routingFor({ queue: 'compliance' })).toMatchObject({ known: true, requiredSkills: ['licensed'] });
    expect(await routing.routingFor({ queue: 'nowhere' })).toEqual({ known: false, mode: 'pull', requiredSkills: [], sla: {}, reservationSeconds: 30 });
  });
});

describe('push offers', () => {
  it('offers to the longest-idle available agent who has the skills, serves the queue and has room', async () => {
    const longestIdle = await agent({ idleMinutes: 30 });
    await agent({ idleMinutes: 5 });
    await agent({ idleMinutes: 60, presence: 'away' });
    await agent({ idleMinutes: 90, queues: ['retention'] });
    await agent({ idleMinutes: 120, capacity: 1 }).then((id) => db.query(`INSERT INTO agent_assignments (task_id, agent_id, kind) VALUES ($1, $2, 'claimed')`, [randomUUID(), id]));

    const task = randomUUID();
    expect(await offer(task)).toEqual({ agentId: longestIdle, reservationSeconds: 30 });
    expect(await held(longestIdle)).toEqual([{ task_id: task, kind: 'reserved' }]);
  });

  it('finds the same offer when retried, and passes over agents who declined', async () => {
    const first = await agent({ idleMinutes: 30 });
    const second = await agent({ idleMinutes: 10 });
    const task = randomUUID();
    expect((await offer(task)).agentId).toBe(first);
    expect((await offer(task)).agentId).toBe(first);
    expect((await offer(task, { exclude: [first] })).agentId).toBe(second);
    expect(await held(first)).toEqual([]);
    expect((await offer(task, { exclude: [first, second] })).agentId).toBeNull();
  });

  it('requires every skill and prefers the agent holding fewer tasks', async () => {
    const licensedBusy = await agent({ skills: ['licensed', 'spanish'], idleMinutes: 60, capacity: 3 });
    const licensedFree = await agent({ skills: ['licensed'], idleMinutes: 1, capacity: 3 });
    await agent({ skills: ['spanish'], idleMinutes: 100 });
    await db.query(`INSERT INTO agent_assignments (task_id, agent_id, kind) VALUES ($1, $2, 'claimed')`, [randomUUID(), licensedBusy]);
    expect((await offer(randomUUID(), { requiredSkills: ['licensed'] })).agentId).toBe(licensedFree);
    expect((await offer(randomUUID(), { requiredSkills: ['licensed', 'spanish'] })).agentId).toBe(licensedBusy);
  });

  it('never gives one agent more concurrent offers than their capacity', async () => {
    const only = await agent({ capacity: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, () => offer(randomUUID())));
    expect(results.filter((result) => result.agentId === only)).toHaveLength(2);
    expect(await held(only)).toHaveLength(2);
  });
});

describe('claims against capacity', () => {
  it('holds at most capacity claims when many arrive at once', async () => {
    const id = await agent({ capacity: 3 });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => routing.holdClaim({ taskId: randomUUID(), agentId: id })));
    expect(outcomes.filter(Boolean)).toHaveLength(3);
  });

  it('turns the offer an agent holds into a claim without counting it twice', async () => {
    const id = await agent({ capacity: 1 });
    const task = randomUUID();
    expect((await offer(task)).agentId).toBe(id);
    expect(await routing.holdClaim({ taskId: task, agentId: id })).toBe(true);
    expect(await held(id)).toEqual([{ task_id: task, kind: 'claimed' }]);
    expect(await routing.holdClaim({ taskId: randomUUID(), agentId: id })).toBe(false);
  });

  it('refuses someone without an agent profile', async () => {
    expect(await routing.holdClaim({ taskId: randomUUID(), agentId: randomUUID() })).toBe(false);
  });
});

describe('holds follow the stored task', () => {
  const conversationId = '00000000-0000-4000-8000-000000000001';
  const task = (id: string, eventSeq: number, fields: Partial<TaskRecord>): TaskRecord => ({
    id,
    conversationId,
    customerId: 'cus_1',
    workflowId: 'conversation/web/k',
    queue: 'support',
    priority: 'normal',
    requiredSkills: [],
    status: 'open',
    reason: 'r',
    context: { summary: '', transcript: [], collected: {}, signals: null, decisions: [] },
    claimedBy: null,
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
    ...fields,
  });

  beforeEach(async () => {
    await store.recordConversation({
      id: conversationId,
      workflowId: 'conversation/web/k',
      channel: 'web',
      conversationKey: 'k',
      customerId: 'cus_1',
      stage: 'escalated',
      intent: null,
      decisions: [],
      flowName: null,
      flowVersion: null,
      eventSeq: 1,
      createdAt: '2026-12-04T10:00:00Z',
      updatedAt: '2026-12-04T10:00:00Z',
    });
  });

  it('holds a claimed or offered task for its agent and frees it, making the agent idle, once resolved', async () => {
    const id = await agent({ idleMinutes: 60 });
    const other = await agent();
    const taskId = randomUUID();
    await store.recordTask(task(taskId, 2, { reservedFor: id }));
    expect(await held(id)).toEqual([{ task_id: taskId, kind: 'reserved' }]);
    await store.recordTask(task(taskId, 3, { reservedFor: other }));
    expect(await held(id)).toEqual([]);
    await store.recordTask(task(taskId, 4, { status: 'claimed', claimedBy: other }));
    expect(await held(other)).toEqual([{ task_id: taskId, kind: 'claimed' }]);
    const before = (await db.query(`SELECT idle_since FROM agents WHERE user_id = $1`, [other]))[0].idle_since;
    await store.recordTask(task(taskId, 5, { status: 'resolved', claimedBy: other, disposition: 'resolved' }));
    expect(await held(other)).toEqual([]);
    expect((await db.query(`SELECT idle_since FROM agents WHERE user_id = $1`, [other]))[0].idle_since.getTime()).toBeGreaterThan(before.getTime());
  });

  it('offers an agent the most pressing task of the queue first: higher priority, then older', async () => {
    const first = await agent({ idleMinutes: 30 });
    const [urgent, older, newer] = [randomUUID(), randomUUID(), randomUUID()];
    await store.recordTask(task(newer, 2, { priority: 'normal', createdAt: '2026-12-04T10:00:03Z' }));
    await store.recordTask(task(older, 3, { priority: 'normal', createdAt: '2026-12-04T10:00:01Z' }));
    await store.recordTask(task(urgent, 4, { priority: 'urgent', createdAt: '2026-12-04T10:00:05Z' }));
    expect((await offer(newer)).agentId).toBeNull();
    expect((await offer(older)).agentId).toBeNull();
    expect((await offer(urgent)).agentId).toBe(first);
    await store.recordTask(task(urgent, 5, { priority: 'urgent', createdAt: '2026-12-04T10:00:05Z', reservedFor: first }));

    const second = await agent({ idleMinutes: 10 });
    expect((await offer(newer)).agentId).toBeNull();
    expect((await offer(older)).agentId).toBe(second);
    await store.recordTask(task(older, 6, { createdAt: '2026-12-04T10:00:01Z', reservedFor: second, history: [{ at: '2026-12-04T10:00:06Z', action: 'offered', agentId: second }] }));
    // The agent passes on the older task: the newer one may have them.
    await store.recordTask(task(older, 7, { createdAt: '2026-12-04T10:00:01Z', history: [{ at: '2026-12-04T10:00:06Z', action: 'declined', agentId: second }] }));
    expect((await offer(newer, { exclude: [] })).agentId).toBe(second);
  });

  it('ignores an older, retried write and claims by people without a profile', async () => {
    const id = await agent();
    const taskId = randomUUID();
    await store.recordTask(task(taskId, 4, { status: 'claimed', claimedBy: id }));
    await store.recordTask(task(taskId, 3, { status: 'open' }));
    expect(await held(id)).toEqual([{ task_id: taskId, kind: 'claimed' }]);
    await store.recordTask(task(randomUUID(), 5, { status: 'claimed', claimedBy: 'agent-without-profile' }));
    expect(await db.query(`SELECT count(*)::int AS n FROM agent_assignments`)).toEqual([{ n: 1 }]);
  });
});
