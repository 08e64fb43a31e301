import { randomUUID } from 'node:crypto';
import type { AuditPage, DeskEvent, QueueSettings, TaskView } from '@baton/contracts';
import { publishFlowVariant } from '@baton/testing';
import { as, createAgent, setPresence } from './support/agents';
import type { TestUser } from './support/people';
import { api, conversationWhen, eventually, newKey, platform, say } from './support/platform-client';

/**
 * Routing against the real platform: each test makes a queue of its own and a variant of the
 * shipped flow whose support escalations go there, so tests never share agents or queues.
 */
async function routedQueue(settings: Partial<QueueSettings>): Promise<{ queue: string; flow: string }> {
  const queue = `e2e-${randomUUID().slice(0, 8)}`;
  // Push queues need a skill named after the queue: agents of other tests (who serve every queue) are never offered its tasks.
  const requiredSkills = settings.mode === 'push' ? [queue] : settings.requiredSkills;
  const put = await api('PUT', `/queues/${queue}`, { title: `Test ${queue}`, ...settings, ...(requiredSkills ? { requiredSkills } : {}) });
  expect(put.status).toBe(201);
  const flow = `route-${queue}`;
  await publishFlowVariant(platform, {
    from: 'conversation-default',
    as: flow,
    message: `support escalations go to ${queue}, with its service levels`,
    change: (document) => {
      for (const node of document.nodes) {
        if (node.type === 'escalate' && (node.id === 'support' || node.id === 'support_high')) {
          node.config.queue = queue;
          delete node.config.sla;
        }
      }
    },
  });
  return { queue, flow };
}

/** A customer asks for a person; answers the task once it is in the read model. */
async function escalate(flow: string, accept: (task: TaskView) => boolean = () => true): Promise<{ conversationId: string; task: TaskView; key: string }> {
  const key = newKey('route');
  const { conversationId } = await say(key, 'Can I talk to a real person please', { flow });
  const view = await conversationWhen(conversationId, (v) => v.tasks.length > 0 && accept(v.tasks.at(-1)!));
  return { conversationId, task: view.tasks.at(-1)!, key };
}

const task = async (id: string) => (await api<TaskView>('GET', `/tasks/${id}`)).body;
const taskWhen = (id: string, accept: (task: TaskView) => boolean, timeoutMs?: number) => eventually(() => task(id), accept, timeoutMs);

describe('pull queues', () => {
  it('lets only eligible agents claim: skills, queue and presence are checked', async () => {
    const { queue, flow } = await routedQueue({ requiredSkills: ['spanish'] });
    const speaker = await createAgent({ skills: ['spanish'], queues: [queue] });
    const unskilled = await createAgent({ queues: [queue], skills: [queue] });
    const elsewhere = await createAgent({ skills: ['spanish'], queues: ['care'] });
    const away = await createAgent({ skills: ['spanish'] }, 'away');
    const { task: opened } = await escalate(flow);
    expect(opened.requiredSkills).toEqual(['spanish']);

    for (const [agent, why] of [
      [unskilled, /needs the skills spanish/],
      [elsewhere, new RegExp(`does not serve the ${queue} queue`)],
      [away, /is away/],
    ] as const) {
      const refused = await api('POST', `/tasks/${opened.id}/claim`, {}, as(agent));
      expect([refused.status, refused.body.error.code]).toEqual([403, 'AGENT_NOT_ELIGIBLE']);
      expect(refused.body.error.message).toMatch(why);
    }
    // What each agent's list shows follows the same rule.
    expect((await api<TaskView[]>('GET', `/tasks?queue=${queue}`, undefined, as(unskilled))).body).toEqual([]);
    expect((await api<TaskView[]>('GET', `/tasks?queue=${queue}`, undefined, as(speaker))).body.map((t) => t.id)).toEqual([opened.id]);
    expect((await api('GET', `/tasks/${opened.id}`, undefined, as(elsewhere))).status).toBe(404);

    const claimed = await api('POST', `/tasks/${opened.id}/claim`, {}, as(speaker));
    expect(claimed.body).toMatchObject({ status: 'claimed', claimedBy: speaker.id });
  });

  it('never gives an agent more tasks than their capacity, across conversations', async () => {
    const { flow } = await routedQueue({});
    const agent = await createAgent({ capacity: 1 });
    const [first, second] = [await escalate(flow), await escalate(flow)];
    expect((await api('POST', `/tasks/${first.task.id}/claim`, {}, as(agent))).status).toBe(200);
    const full = await api('POST', `/tasks/${second.task.id}/claim`, {}, as(agent));
    expect([full.status, full.body.error.code]).toEqual([409, 'AGENT_AT_CAPACITY']);
    expect((await task(second.task.id)).status).toBe('open');

    await api('POST', `/tasks/${first.task.id}/resolve`, { disposition: 'resolved' }, as(agent));
    expect((await api('POST', `/tasks/${second.task.id}/claim`, {}, as(agent))).status).toBe(200);
    expect((await api('GET', '/agents/me', undefined, as(agent))).body.load).toEqual({ claimed: 1, reserved: 0 });
  });

  it('lets a supervisor assign a task to an agent, and only supervisors', async () => {
    const { flow } = await routedQueue({});
    const [agent, other] = [await createAgent(), await createAgent()];
    const { task: opened } = await escalate(flow);
    const impostor = await api('POST', `/tasks/${opened.id}/claim`, { agentId: other.id }, as(agent));
    expect([impostor.status, impostor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const assigned = await api('POST', `/tasks/${opened.id}/claim`, { agentId: agent.id });
    expect(assigned.body).toMatchObject({ status: 'claimed', claimedBy: agent.id });
  });
});

describe('push queues', () => {
  it('offers the task to the longest-idle eligible agent, moves on when the reservation lapses or is declined', async () => {
    const { queue, flow } = await routedQueue({ mode: 'push', reservationSeconds: 5 });
    const first = await createAgent({ queues: [queue], skills: [queue] });
    const second = await createAgent({ queues: [queue], skills: [queue] });
    const { conversationId, task: opened } = await escalate(flow, (t) => t.reservedFor !== null);
    expect(opened.reservedFor).toBe(first.id);

    const jumped = await api('POST', `/tasks/${opened.id}/claim`, {}, as(second));
    expect([jumped.status, jumped.body.error.code]).toEqual([409, 'TASK_RESERVED']);
    expect((await api('GET', '/agents/me', undefined, as(first))).body.load).toEqual({ claimed: 0, reserved: 1 });

    // The first agent lets it lapse: it goes to the second, who declines; back to the first, who accepts.
    const lapsed = await taskWhen(opened.id, (t) => t.reservedFor === second.id, 20_000);
    expect(lapsed.history.map((entry) => entry.action)).toEqual(['created', 'offered', 'offer_expired', 'offered']);
    expect((await api('GET', '/agents/me', undefined, as(first))).body.load).toEqual({ claimed: 0, reserved: 0 });
    const declined = await api('POST', `/tasks/${opened.id}/decline`, {}, as(second));
    expect(declined.status).toBe(200);
    const notOffered = await api('POST', `/tasks/${opened.id}/decline`, {}, as(second));
    expect([notOffered.status, notOffered.body.error.code]).toEqual([409, 'TASK_NOT_OFFERED']);
    await taskWhen(opened.id, (t) => t.reservedFor === first.id, 30_000);
    const accepted = await api('POST', `/tasks/${opened.id}/claim`, {}, as(first));
    expect(accepted.body).toMatchObject({ status: 'claimed', claimedBy: first.id });
    const view = await conversationWhen(conversationId, (v) => v.stage === 'human');
    expect(view.decisions.filter((d) => d.rule === 'push-offer').map((d) => d.values.agentId)).toEqual([first.id, second.id, first.id]);
  });

  it('waits for an agent to become available, and skips agents who are full', async () => {
    const { queue, flow } = await routedQueue({ mode: 'push', reservationSeconds: 60 });
    const full = await createAgent({ queues: [queue], skills: [queue], capacity: 1 });
    const { task: held } = await escalate(flow, (t) => t.reservedFor !== null);
    expect(held.reservedFor).toBe(full.id);
    const { task: waiting } = await escalate(flow);
    expect(waiting.reservedFor).toBeNull();

    const late = await createAgent({ queues: [queue], skills: [queue] }, 'offline');
    await setPresence(late, 'available');
    const offered = await taskWhen(waiting.id, (t) => t.reservedFor !== null, 30_000);
    expect(offered.reservedFor).toBe(late.id);
  });

  it('offers a released task to the next agent, not the one who released it', async () => {
    const { queue, flow } = await routedQueue({ mode: 'push', reservationSeconds: 60 });
    const [first, second] = [await createAgent({ queues: [queue], skills: [queue] }), await createAgent({ queues: [queue], skills: [queue] })];
    const { task: opened } = await escalate(flow, (t) => t.reservedFor !== null);
    const holder = opened.reservedFor === first.id ? first : second;
    const next = holder === first ? second : first;
    await api('POST', `/tasks/${opened.id}/claim`, {}, as(holder));
    const released = await api('POST', `/tasks/${opened.id}/release`, { note: 'end of my shift' }, as(holder));
    expect(released.body).toMatchObject({ status: 'open' });
    const reoffered = await taskWhen(opened.id, (t) => t.reservedFor === next.id);
    expect(reoffered.history.find((entry) => entry.action === 'released')).toMatchObject({ agentId: holder.id, note: 'end of my shift' });
  });
});

describe('transfers and releases', () => {
  it('transfers to another queue with a note and to one agent, who is offered it', async () => {
    const { flow } = await routedQueue({});
    const target = await routedQueue({});
    const [agent, colleague, specialist] = [await createAgent(), await createAgent(), await createAgent({ queues: [target.queue] })];
    const { conversationId, task: opened } = await escalate(flow);
    await api('POST', `/tasks/${opened.id}/claim`, {}, as(agent));

    const stranger = await api('POST', `/tasks/${opened.id}/transfer`, { queue: target.queue, note: 'mine now' }, as(colleague));
    expect([stranger.status, stranger.body.error.code]).toEqual([409, 'TASK_NOT_CLAIMED_BY_AGENT']);

    const moved = await api('POST', `/tasks/${opened.id}/transfer`, { queue: target.queue, note: 'Billing dispute, needs a specialist' }, as(agent));
    expect(moved.body).toMatchObject({ status: 'open', queue: target.queue });
    const inTarget = await taskWhen(opened.id, (t) => t.queue === target.queue);
    expect(inTarget).toMatchObject({ status: 'open', claimedBy: null, notes: 'Billing dispute, needs a specialist' });
    expect((await api('GET', '/agents/me', undefined, as(agent))).body.load).toEqual({ claimed: 0, reserved: 0 });

    await api('POST', `/tasks/${opened.id}/claim`, {}, as(specialist));
    const direct = await api('POST', `/tasks/${opened.id}/transfer`, { toAgentId: colleague.id, note: 'You know this customer' }, as(specialist));
    expect(direct.status).toBe(200);
    const offered = await taskWhen(opened.id, (t) => t.reservedFor === colleague.id);
    expect(offered.history.map((entry) => entry.action)).toEqual(['created', 'claimed', 'transferred', 'claimed', 'transferred', 'offered']);
    const notTheirs = await api('POST', `/tasks/${opened.id}/claim`, {}, as(agent));
    expect(notTheirs.body.error.code).toBe('TASK_RESERVED');
    expect((await api('POST', `/tasks/${opened.id}/claim`, {}, as(colleague))).status).toBe(200);
    const view = await conversationWhen(conversationId, (v) => v.stage === 'human');
    expect(view.decisions.filter((d) => d.rule === 'agent-transferred')).toHaveLength(2);

    const audit = await api<AuditPage>('GET', `/audit?action=task.transferred`);
    expect(audit.body.entries.filter((entry) => entry.target === `task:${opened.id}`)).toHaveLength(2);
  });

  it('releases back to a pull queue, where another agent claims it', async () => {
    const { flow } = await routedQueue({});
    const [agent, other] = [await createAgent(), await createAgent()];
    const { conversationId, task: opened } = await escalate(flow);
    await api('POST', `/tasks/${opened.id}/claim`, {}, as(agent));
    await api('POST', `/tasks/${opened.id}/reply`, { text: 'Let me look into this.' }, as(agent));
    expect((await api('POST', `/tasks/${opened.id}/release`, {}, as(agent))).body).toMatchObject({ status: 'open' });
    await conversationWhen(conversationId, (v) => v.stage === 'escalated');
    expect((await api('POST', `/tasks/${opened.id}/claim`, {}, as(other))).status).toBe(200);
    const replied = await api('POST', `/tasks/${opened.id}/reply`, { text: 'Hello, I am taking over.' }, as(other));
    expect(replied.status).toBe(200);
    expect((await api('POST', `/tasks/${opened.id}/reply`, { text: 'Me again' }, as(agent))).body.error.code).toBe('TASK_NOT_CLAIMED_BY_AGENT');
  });
});

describe('service levels', () => {
  it("applies the queue's claim SLA and takes the flow's breach path (a new, higher-priority task)", async () => {
    const { flow } = await routedQueue({ sla: { claimSeconds: 3 } });
    const { conversationId, task: opened } = await escalate(flow);
    expect(opened.sla.claimDueAt).toBeDefined();
    expect(Date.parse(opened.sla.claimDueAt!) - Date.parse(opened.createdAt)).toBe(3000);
    const view = await conversationWhen(conversationId, (v) => v.tasks.length === 2, 30_000);
    const [breached, raised] = view.tasks;
    expect(breached).toMatchObject({ status: 'cancelled' });
    expect(breached.history.map((entry) => entry.action)).toEqual(['created', 'sla_breached', 'cancelled']);
    expect(raised).toMatchObject({ status: 'open', priority: 'high', reason: 'Customer asked for a person (waited over 15 minutes)' });
  });
});

describe("a queue's business hours", () => {
  it("let a flow's business_hours node follow the queue's calendar, holidays included", async () => {
    const queue = `e2e-hours-${randomUUID().slice(0, 8)}`;
    const today = new Date().toISOString().slice(0, 10);
    const allDay = [{ from: '00:00', to: '24:00' }];
    const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, allDay]));
    const hours = (holidays: string[]) => ({ title: 'Staffed every day', businessHours: { timeZone: 'UTC', weekly, holidays } });
    expect((await api('PUT', `/queues/${queue}`, hours([today]))).status).toBe(201);
    const flow = `hours-${queue}`;
    await publishFlowVariant(platform, {
      from: 'conversation-default',
      as: flow,
      message: `staffed when ${queue} is`,
      change: (document) => {
        for (const node of document.nodes) if (node.type === 'business_hours') node.config = { queue };
      },
    });
    const ask = async () => {
      const { conversationId } = await say(newKey('hours'), 'Can I talk to a real person please', { flow });
      return conversationWhen(conversationId, (v) => v.decisions.some((d) => d.nodeId === 'hours'));
    };

    const holiday = (await ask()).decisions.find((d) => d.nodeId === 'hours')!;
    expect(holiday).toMatchObject({ action: 'closed', values: { queue, configured: true, timeZone: 'UTC', localDate: today, holiday: true } });

    await api('PUT', `/queues/${queue}`, hours([]));
    const open = await ask();
    expect(open.decisions.find((d) => d.nodeId === 'hours')).toMatchObject({ action: 'open', values: { queue, holiday: false } });
    expect((await api<{ openNow: boolean }>('GET', `/queues/${queue}`)).body.openNow).toBe(true);
  });
});

describe('the desk feed', () => {
  it('shows a new escalation live to agents who may take it, and its claim by someone else', async () => {
    const { queue, flow } = await routedQueue({});
    const [watcher, claimer] = [await createAgent({ queues: [queue], skills: [queue] }), await createAgent({ queues: [queue], skills: [queue] })];
    const outsider = await createAgent({ queues: ['care'] });
    const feeds = [watcher, outsider].map((agent) => listen(agent));
    try {
      const { task: opened } = await escalate(flow);
      await eventually(async () => feeds[0].events, (events) => events.some((e) => e.task.id === opened.id && e.task.status === 'open'));
      await api('POST', `/tasks/${opened.id}/claim`, {}, as(claimer));
      await eventually(async () => feeds[0].events, (events) => events.some((e) => e.task.id === opened.id && e.task.claimedBy === claimer.id));
      expect(feeds[1].events.filter((e) => e.task.id === opened.id)).toEqual([]);
    } finally {
      for (const feed of feeds) feed.close();
    }
  });
});

/** Reads GET /desk/events as an agent's browser would. */
function listen(agent: TestUser): { events: DeskEvent[]; close: () => void } {
  const events: DeskEvent[] = [];
  const controller = new AbortController();
  void (async () => {
    const response = await fetch(`${platform.apiUrl}/desk/events?access_token=${encodeURIComponent(agent.token)}`, { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (data) events.push(JSON.parse(data.slice(6)));
      }
    }
  })().catch(() => undefined);
  return { events, close: () => controller.abort() };
}
