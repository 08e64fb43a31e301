/**
 * npm run bench: N concurrent simulated customers (default 50, 5 messages each) through the
 * inbound API, against a bare Temporal echo workflow (update in, one activity, reply out) on the
 * same server in the same run. Prints throughput and message-to-AI-reply latency for both and
 * their ratios, then escalation-to-agent-visible latency: customers ask for a person, one at a time
 * and then N at once, and an agent desk's event stream shows each task. Options: --customers N --messages M --json.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ConversationView } from '@baton/contracts';
import { ECHO_TASK_QUEUE, echoUpdate, echoWorkflow } from '@baton/workflows';
import { startTestPlatform, type E2eState } from '../testing/test-platform';
import { type EscalationFigures, escalationRun } from './escalation';
import { concurrently, figures, type RunFigures } from './stats';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '50' },
    messages: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const customers = Number(args.customers);
const messagesEach = Number(args.messages);
if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(messagesEach) || messagesEach < 1) {
  console.error('--customers and --messages must be positive integers');
  process.exit(2);
}

/** What each simulated customer asks, in turn: every message gets an AI answer from the backend. */
const SCRIPT = ['Where is my order ORD-10042?', 'And order ORD-10043?', 'Where is ORD-10042 now?', 'Track ORD-10043 please', 'Status of ORD-10042?'];
const POLL_MS = 100;

async function platformRun(state: E2eState, label: string): Promise<RunFigures> {
  const latencies: number[] = [];
  const headers = { authorization: `Bearer ${state.apiToken}`, 'content-type': 'application/json' };
  const seconds = await concurrently(customers, async (customer) => {
    const conversationKey = `bench-${label}-${customer}-${randomUUID()}`;
    for (let turn = 0; turn < messagesEach; turn++) {
      const sentAt = Date.now();
      const response = await fetch(`${state.apiUrl}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ channel: 'api', conversationKey, customerId: 'cus_1001', text: SCRIPT[turn % SCRIPT.length], idempotencyKey: randomUUID() }),
      });
      if (response.status !== 202) throw new Error(`message refused: ${response.status} ${await response.text()}`);
      const { conversationId } = (await response.json()) as { conversationId: string };
      // The reply's time is taken from the read model (when the workflow recorded it), so the
      // figure does not depend on how often this client looks.
      for (;;) {
        const view = (await (await fetch(`${state.apiUrl}/conversations/${conversationId}`, { headers })).json()) as ConversationView;
        const replies = view.messages.filter((message) => message.role === 'ai');
        if (replies.length > turn) {
          latencies.push(Date.parse(replies[turn].createdAt) - sentAt);
          break;
        }
        await sleep(POLL_MS);
      }
    }
  });
  return figures(latencies, seconds);
}

async function echoRun(client: Client, label: string): Promise<RunFigures> {
  const latencies: number[] = [];
  const seconds = await concurrently(customers, async (customer) => {
    const workflowId = `bench-echo-${label}-${customer}-${randomUUID()}`;
    for (let turn = 0; turn < messagesEach; turn++) {
      const sentAt = performance.now();
      const text = SCRIPT[turn % SCRIPT.length];
      const reply = await client.workflow.executeUpdateWithStart(echoUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(echoWorkflow, {
          workflowId,
          taskQueue: ECHO_TASK_QUEUE,
          args: [5000],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
        args: [text],
      });
      if (reply !== text) throw new Error('echo answered something else');
      latencies.push(performance.now() - sentAt);
    }
  });
  return figures(latencies, seconds);
}

async function main() {
  const log = args.json ? () => undefined : (line: string) => console.log(line);
  log(`Starting the platform (Temporal dev server, PostgreSQL at DATABASE_URL, worker, API)...`);
  const platform = await startTestPlatform({ name: 'bench' });
  const connection = await Connection.connect({ address: platform.state.temporalAddress });
  const client = new Client({ connection });
  try {
    log('Warming up...');
    await echoRun(client, 'warmup');
    await platformRun(platform.state, 'warmup');
    log(`Running ${customers} customers x ${messagesEach} messages...`);
    const echo = await echoRun(client, 'run');
    const baton = await platformRun(platform.state, 'run');
    log(`Escalating conversations one at a time, then ${customers} at once, watched on the agent desk...`);
    const escalation = await escalationRun(platform.state, customers);
    const result = {
      customers,
      messagesPerCustomer: messagesEach,
      platform: baton,
      echo,
      ratio: {
        throughput: Number((baton.messagesPerSecond / echo.messagesPerSecond).toFixed(3)),
        latencyP50: Number((baton.latencyMs.p50 / echo.latencyMs.p50).toFixed(2)),
        latencyP99: Number((baton.latencyMs.p99 / echo.latencyMs.p99).toFixed(2)),
      },
      escalation,
    };
    if (args.json) {
      console.log(JSON.stringify(result));
    } else {
      const row = (name: string, f: RunFigures) =>
        `  ${name.padEnd(22)} ${String(f.messagesPerSecond).padStart(8)} msg/s   p50 ${String(f.latencyMs.p50).padStart(5)} ms   p99 ${String(f.latencyMs.p99).padStart(5)} ms`;
      console.log(`\n  ${customers} customers x ${messagesEach} messages, same Temporal server\n`);
      console.log(row('Baton (message->reply)', baton));
      console.log(row('bare echo workflow', echo));
      console.log(
        `\n  ratio (Baton / echo): throughput ${result.ratio.throughput}, latency p50 ${result.ratio.latencyP50}x, p99 ${result.ratio.latencyP99}x`,
      );
      const escalationRow = (name: string, f: EscalationFigures['burst']) =>
        `  ${name.padEnd(32)} ${String(f.escalations).padStart(4)} tasks   p50 ${String(f.latencyMs.p50).padStart(5)} ms   p99 ${String(f.latencyMs.p99).padStart(5)} ms`;
      console.log(`\n${escalationRow('escalation->agent desk, one by one', escalation.sequential)}`);
      console.log(`${escalationRow(`escalation->agent desk, ${customers} at once`, escalation.burst)}\n`);
    }
  } finally {
    await connection.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
