/**
 * Records the event histories of conversation workflows (customer- and event-started) along several paths, for the replay test
 * (apps/worker/src/replay.spec.ts) to check that changed workflow code still replays them.
 * Run `npm run histories:record` after a deliberate change to workflow code (see the README); name
 * histories (`npm run histories:record -- conversation-routed-offers-transfer-release`) to record only
 * those and keep the others, which then stand for conversations started on the older code.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConversationView, TaskView } from '@baton/contracts';
import { conversationWorkflowId } from '@baton/workflows';
import { publishFlowVariant, startTestPlatform, zoneWhereHourIs } from './testing';

const OUT = path.resolve(__dirname, '../workflows/histories');
const TEMPORAL_CLI = path.resolve(__dirname, '../.tools/bin/temporal');

async function main() {
  const platform = await startTestPlatform({ name: 'histories' });
  const { apiUrl, apiToken } = platform.state;
  const api = async (method: string, route: string, body?: unknown, token = apiToken) => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const when = async (id: string, accept: (view: ConversationView) => boolean): Promise<ConversationView> => {
    for (let i = 0; i < 300; i++) {
      const view = (await api('GET', `/conversations/${id}`).catch(() => null)) as ConversationView | null;
      if (view && accept(view)) return view;
      await sleep(100);
    }
    throw new Error(`conversation ${id} did not get there`);
  };
  const ai = (view: ConversationView) => view.messages.filter((m) => m.role === 'ai').length;
  const task = async (id: string, accept: (task: TaskView) => boolean): Promise<TaskView> => {
    for (let i = 0; i < 600; i++) {
      const found = (await api('GET', `/tasks/${id}`)) as TaskView;
      if (accept(found)) return found;
      await sleep(100);
    }
    throw new Error(`task ${id} did not get there`);
  };
  /** A signed-in, available agent with a profile; answers its id and a way to call the API as it. */
  const agent = async (profile: { skills?: string[]; queues?: string[] } = {}) => {
    const email = `history-agent-${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    const user = await api('POST', '/users', { email, name: 'History agent', roles: ['agent'], password });
    const { token } = await api('POST', '/auth/login', { email, password }, '');
    await api('PUT', `/agents/${user.id}`, { skills: [], queues: [], capacity: 3, ...profile });
    const as = (method: string, route: string, body?: unknown) => api(method, route, body, token);
    await as('PUT', '/agents/me/presence', { presence: 'available' });
    return { id: user.id as string, as };
  };

  await publishFlowVariant(platform.state, {
    from: 'conversation-default',
    as: 'histories-closed',
    message: 'A team that is never in',
    change: (flow) => {
      for (const node of flow.nodes) if (node.type === 'business_hours') Object.assign(node.config, { weekly: [], holidays: [] });
    },
  });

  /** Each scenario drives one conversation and names it; its history is written when it is done. */
  const scenarios: Record<string, (say: (text: string, extra?: Record<string, unknown>) => Promise<string>) => Promise<void>> = {
    'order-status-then-csat': async (say) => {
      const id = await say('Where is my order ORD-10077?');
      await when(id, (v) => ai(v) === 1);
      await say("Thanks, that's all");
      await when(id, (v) => v.stage === 'feedback');
      await say('5');
      await when(id, (v) => v.stage === 'closed');
    },
    'collect-order-number': async (say) => {
      const id = await say('Where is my package?');
      await when(id, (v) => ai(v) === 1);
      await say('It is ORD-10042');
      await when(id, (v) => ai(v) === 2);
      await say('Sorry, ORD-10077');
      await when(id, (v) => ai(v) === 3);
    },
    'escalation-claim-reply-resolve': async (say) => {
      const id = await say('I want to cancel my subscription');
      const { tasks } = await when(id, (v) => v.tasks.length === 1 && ai(v) === 1);
      const taskId = tasks[0]!.id;
      const ana = await agent();
      await ana.as('POST', `/tasks/${taskId}/claim`, {});
      await ana.as('POST', `/tasks/${taskId}/reply`, { text: 'I can help with that.' });
      await say('Thank you');
      await ana.as('POST', `/tasks/${taskId}/resolve`, { disposition: 'resolved', notes: 'Cancelled' });
      await when(id, (v) => v.stage === 'feedback');
      await say('not sure');
      await when(id, (v) => ai(v) === 3);
      await say('4');
      await when(id, (v) => v.stage === 'closed');
    },
    // Push routing: offered, lapsed, declined, accepted; then a transfer to a pull queue, a release and a new agent.
    'routed-offers-transfer-release': async (say) => {
      const [first, second] = [await agent({ skills: ['history-push'] }), await agent({ skills: ['history-push'] })];
      const id = await say('Can I talk to a real person please', { flow: 'histories-routed' });
      const { tasks } = await when(id, (v) => v.tasks.length === 1);
      const taskId = tasks[0]!.id;
      await task(taskId, (t) => t.reservedFor === first.id);
      await task(taskId, (t) => t.reservedFor === second.id);
      await second.as('POST', `/tasks/${taskId}/decline`, {});
      await task(taskId, (t) => t.reservedFor === first.id);
      await first.as('POST', `/tasks/${taskId}/claim`, {});
      await first.as('POST', `/tasks/${taskId}/reply`, { text: 'Let me find the right team for this.' });
      await first.as('POST', `/tasks/${taskId}/transfer`, { queue: 'support', note: 'Needs support' });
      const supporter = await agent();
      await supporter.as('POST', `/tasks/${taskId}/claim`, {});
      await supporter.as('POST', `/tasks/${taskId}/release`, { note: 'Shift over' });
      await second.as('POST', `/tasks/${taskId}/claim`, {});
      await second.as('POST', `/tasks/${taskId}/resolve`, { disposition: 'resolved' });
      await when(id, (v) => v.stage === 'feedback');
      await say('5');
      await when(id, (v) => v.stage === 'closed');
    },
    'not-understood-twice': async (say) => {
      const id = await say('What is the meaning of life?');
      await when(id, (v) => ai(v) === 1);
      await say('Tell me about quantum chromodynamics');
      await when(id, (v) => v.tasks.length === 1);
    },
    'after-hours-callback': async (say) => {
      const id = await say('I want to cancel my subscription', { flow: 'histories-closed' });
      await when(id, (v) => ai(v) === 1);
      await say('+44 20 7946 0000');
      await when(id, (v) => v.tasks.length === 1);
    },
  };

  await api('PUT', '/queues/history-push', { title: 'Push queue for recorded histories', mode: 'push', requiredSkills: ['history-push'], reservationSeconds: 5 });
  await publishFlowVariant(platform.state, {
    from: 'conversation-default',
    as: 'histories-routed',
    message: 'Requests for a person go to a push queue',
    change: (flow) => {
      for (const node of flow.nodes) if (node.id === 'support') Object.assign(node.config, { queue: 'history-push' });
    },
  });

  /** Outreach paths: each starts from a business event and the customer answers on the thread. */
  const outreaches: Record<string, { type: string; payload: Record<string, unknown>; timeZone?: string; replies: string[]; until: (view: ConversationView) => boolean }> = {
    'shipment-delay-wants-a-person': {
      type: 'shipment.delayed',
      payload: { orderNumber: 'ORD-10077', newEta: '2026-12-09' },
      replies: ['I want to speak to a real person about this'],
      until: (v) => v.tasks.length === 1,
    },
    'payment-reminder-stop': { type: 'payment.due', payload: { amount: '$42.00', dueDate: '2026-12-20' }, replies: ['STOP'], until: (v) => v.stage === 'closed' },
    'appointment-confirmed': { type: 'appointment.upcoming', payload: { date: '2026-12-21', time: '10:30' }, replies: ['yes'], until: (v) => v.stage === 'closed' },
    'quiet-hours-wait': {
      type: 'shipment.delayed',
      payload: { orderNumber: 'ORD-10078' },
      timeZone: zoneWhereHourIs(23, 24),
      replies: [],
      until: (v) => v.decisions.some((d) => d.rule === 'quiet-hours'),
    },
  };

  /** Saves a workflow's history; the Temporal CLI writes it in the proto JSON form that historyFromJSON reads. */
  const record = (file: string, workflowId: string) => {
    const history = execFileSync(TEMPORAL_CLI, ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', platform.state.temporalAddress], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    writeFileSync(path.join(OUT, `${file}.json`), history);
    console.log(`recorded ${file} (${(JSON.parse(history) as { events: unknown[] }).events.length} events)`);
  };

  const only = process.argv.slice(2);
  const wanted = (file: string) => only.length === 0 || only.includes(file);
  mkdirSync(OUT, { recursive: true });
  if (only.length === 0) for (const file of readdirSync(OUT)) if (file.endsWith('.json')) rmSync(path.join(OUT, file));
  try {
    for (const [name, run] of Object.entries(scenarios)) {
      if (!wanted(`conversation-${name}`)) continue;
      const key = `history-${name}-${randomUUID()}`;
      const say = async (text: string, extra: Record<string, unknown> = {}) =>
        (await api('POST', '/messages', { channel: 'web', conversationKey: key, customerId: 'cus_1002', text, idempotencyKey: randomUUID(), ...extra })).conversationId as string;
      await run(say);
      record(`conversation-${name}`, conversationWorkflowId('web', key));
    }
    for (const [name, outreach] of Object.entries(outreaches)) {
      if (!wanted(`outreach-${name}`)) continue;
      const key = `history-${name}-${randomUUID()}`;
      const customerId = `cus_history_${randomUUID().slice(0, 8)}`;
      const started = await api('POST', '/events', {
        type: outreach.type,
        customerId,
        idempotencyKey: randomUUID(),
        payload: outreach.payload,
        conversationKey: key,
        timeZone: outreach.timeZone ?? zoneWhereHourIs(10, 17),
      });
      if (started.status !== 'started') throw new Error(`${name}: outreach ${started.status} (${started.reason})`);
      if (!outreach.timeZone) await when(started.conversationId, (v) => ai(v) === 1);
      for (const text of outreach.replies) {
        await api('POST', '/messages', { channel: 'web', conversationKey: key, customerId, text, idempotencyKey: randomUUID() });
      }
      await when(started.conversationId, outreach.until);
      record(`outreach-${name}`, conversationWorkflowId('web', key));
    }

    if (!wanted('campaign-paced-run')) return;
    // A campaign run, paced, over an audience with one customer who opted out.
    const prefix = `cus_history_campaign_${randomUUID().slice(0, 6)}`;
    const members = Array.from({ length: 5 }, (_, i) => ({ customerId: `${prefix}_${i}`, timeZone: zoneWhereHourIs(10, 17) }));
    await fetch(`${platform.state.deliveryUrl}/audience`, { method: 'PUT', body: JSON.stringify(members) });
    await api('PUT', `/customers/${members[2]!.customerId}/contact-preferences`, { outreach: false });
    const campaign = `history-${randomUUID().slice(0, 8)}`;
    await api('POST', '/campaigns', {
      name: campaign,
      eventType: 'payment.due',
      cron: '0 9 * * *',
      audience: { url: 'sink:/audience' },
      payload: { amount: '$42.00', dueDate: '2026-12-20' },
      ratePerSecond: 2,
    });
    await api('POST', `/campaigns/${campaign}/run`);
    for (let i = 0; i < 300; i++) {
      const [run] = (await api('GET', `/campaigns/${campaign}/runs`)) as { id: string; status: string }[];
      if (run?.status === 'completed') {
        record('campaign-paced-run', run.id);
        break;
      }
      if (i === 299) throw new Error('the campaign run did not complete');
      await sleep(200);
    }
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
