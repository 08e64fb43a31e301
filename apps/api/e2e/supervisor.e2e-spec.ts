import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueOverview, SupervisorOverview } from '@baton/contracts';
import { publishFlowVariant } from '@baton/testing';
import { createUser } from './support/people';
import { api, conversationWhen, newKey, platform, say, sql } from './support/platform-client';

const overview = async () => {
  const answer = await api<SupervisorOverview>('GET', '/supervisor/overview');
  expect(answer.status).toBe(200);
  return answer.body;
};
const queueNamed = (view: SupervisorOverview, name: string) => view.queues.find((queue) => queue.name === name);

describe('supervisor overview', () => {
  it('lists every configured queue, open and with its settings', async () => {
    const view = await overview();
    expect(Date.parse(view.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(view.slaWindowHours).toBe(24);
    for (const name of ['support', 'care', 'compliance', 'retention', 'callbacks']) {
      expect(queueNamed(view, name)).toMatchObject({ name, configured: true, mode: 'pull', openNow: true });
    }
  });

  it('shows an escalated conversation as waiting in its queue, with the longest wait, even in a queue nobody configured', async () => {
    const queue = `e2e-${randomUUID().slice(0, 8)}`;
    await publishFlowVariant(platform, {
      from: 'conversation-default',
      as: 'e2e-overview',
      message: 'Requests for a person go to a queue of their own',
      change: (flow) => {
        flow.nodes.find((node) => node.id === 'support')!.config.queue = queue;
      },
    });
    const { conversationId } = await say(newKey('overview'), 'I want to speak to a person', { flow: 'e2e-overview' });
    const task = (await conversationWhen(conversationId, (v) => v.tasks.length === 1)).tasks[0]!;
    expect(task.queue).toBe(queue);
    await sleep(1500);

    const row = queueNamed(await overview(), queue);
    expect(row).toMatchObject({ name: queue, title: queue, mode: 'pull', configured: false, openNow: true, waiting: 1, claimed: 0, breachedNow: 0 });
    expect(row!.longestWaitSeconds).toBeGreaterThanOrEqual(1);
    expect(row!.longestWaitSeconds).toBeLessThan(120);
    // Its claim deadline (15 minutes) has not come: no outcome to count yet.
    expect(row!.slaAttainment).toBeNull();
  });

  it('computes claim SLA attainment over the last 24 hours and the breaches now', async () => {
    // Tasks as the read models hold them after their lives; the arithmetic needs no workflow.
    const queue = `e2e-sla-${randomUUID().slice(0, 8)}`;
    const conversationId = randomUUID();
    await sql(
      `INSERT INTO conversations (id, workflow_id, channel, conversation_key, customer_id, stage, last_event_seq, created_at, updated_at)
       VALUES ($1, 'e2e', 'api', $2, 'cus_sla', 'human', 1, now(), now())`,
      [conversationId, `key-${conversationId}`],
    );
    const task = (status: string, createdAgo: string, dueAgo: string, claimedAgo: string | null) =>
      sql(
        `INSERT INTO tasks (id, conversation_id, workflow_id, queue, priority, priority_rank, status, reason, context, last_event_seq,
                            created_at, updated_at, sla, claimed_at)
         VALUES ($1, $2, 'e2e', $3, 'normal', 2, $4, 'e2e', '{}'::jsonb, 1, now() - $5::interval, now(),
                 jsonb_build_object('claimDueAt', to_char((now() - $6::interval) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                 CASE WHEN $7::interval IS NULL THEN NULL ELSE now() - $7::interval END)`,
        [randomUUID(), conversationId, queue, status, createdAgo, dueAgo, claimedAgo],
      );
    await task('claimed', '2 hours', '1 hour', '90 minutes'); // claimed in time: met
    await task('resolved', '3 hours', '2 hours', '30 minutes'); // claimed late: missed
    await task('open', '1 hour', '10 minutes', null); // open past its deadline: missed, breached now
    await task('open', '5 minutes', '-10 minutes', null); // inside its deadline: not counted yet
    await task('resolved', '30 hours', '29 hours', '29 hours 30 minutes'); // before the window

    const row = queueNamed(await overview(), queue) as QueueOverview;
    expect(row).toMatchObject({ waiting: 2, claimed: 1, breachedNow: 1, slaAttainment: { met: 1, total: 3, percent: 33.3 } });
    expect(row.longestWaitSeconds).toBeGreaterThanOrEqual(3600);
  });

  it('shows each agent with presence, capacity, skills, queues and load', async () => {
    const user = await createUser(['agent'], { name: 'Olga Overview' });
    expect((await api('PUT', `/agents/${user.id}`, { skills: ['licensed'], queues: ['compliance'], capacity: 4 })).status).toBe(200);
    const reserved = randomUUID();
    const claimed = randomUUID();
    await sql(`INSERT INTO agent_assignments (task_id, agent_id, kind) VALUES ($1, $3, 'reserved'), ($2, $3, 'claimed')`, [reserved, claimed, user.id]);
    try {
      const agent = (await overview()).agents.find((a) => a.id === user.id);
      expect(agent).toEqual({
        id: user.id,
        name: 'Olga Overview',
        presence: 'offline',
        presenceSince: expect.any(String),
        capacity: 4,
        load: { claimed: 1, reserved: 1 },
        skills: ['licensed'],
        queues: ['compliance'],
      });
    } finally {
      await sql(`DELETE FROM agent_assignments WHERE task_id IN ($1, $2)`, [reserved, claimed]);
    }
  });

  it('is for supervisors only', async () => {
    const agent = await createUser(['agent']);
    const refused = await api('GET', '/supervisor/overview', undefined, { token: agent.token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const supervisor = await createUser(['supervisor']);
    expect((await api('GET', '/supervisor/overview', undefined, { token: supervisor.token })).status).toBe(200);
  });
});
