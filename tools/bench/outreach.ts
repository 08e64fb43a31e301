/**
 * npm run bench:outreach: a campaign over N customers (default 10,000) with pacing off, through the
 * real path (schedule trigger, audience pages from a business endpoint, admission, conversation
 * workflows that send the first message). Baseline in the same run: starting N bare echo workflows
 * from one client, as fast as the same Temporal server takes them. Options: --customers N --json.
 */
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { ECHO_TASK_QUEUE, echoWorkflow } from '@baton/workflows';
import { startTestPlatform } from '../testing/test-platform';
import { zoneWhereHourIs } from '../testing/time-zones';

const { values: args } = parseArgs({ options: { customers: { type: 'string', default: '10000' }, json: { type: 'boolean', default: false } } });
const customers = Number(args.customers);
if (!Number.isInteger(customers) || customers < 1) {
  console.error('--customers must be a positive integer');
  process.exit(2);
}
/** Workflow starts in flight at once for the baseline. */
const BASELINE_CONCURRENCY = 50;

async function main() {
  const log = args.json ? () => undefined : (line: string) => console.log(line);
  log('Starting the platform (Temporal dev server, PostgreSQL at DATABASE_URL, worker, API)...');
  const platform = await startTestPlatform({ name: 'bench-outreach' });
  const { apiUrl, apiToken, databaseUrl, deliveryUrl, temporalAddress } = platform.state;
  const headers = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const prefix = `cus_bench_${randomUUID().slice(0, 6)}`;
    const timeZone = zoneWhereHourIs(9, 19);
    const members = Array.from({ length: customers }, (_, i) => ({ customerId: `${prefix}_${i}`, payload: { amount: `$${(i % 90) + 10}.00` }, timeZone }));
    await fetch(`${deliveryUrl}/audience`, { method: 'PUT', body: JSON.stringify(members) });
    const name = `bench-${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${apiUrl}/campaigns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, eventType: 'payment.due', cron: '0 9 * * *', audience: { url: 'sink:/audience' }, payload: { dueDate: '2026-12-20' }, ratePerSecond: null }),
    });
    if (created.status !== 201) throw new Error(`campaign refused: ${created.status} ${await created.text()}`);

    log(`Running a campaign over ${customers} customers with pacing off...`);
    const began = Date.now();
    await fetch(`${apiUrl}/campaigns/${name}/run`, { method: 'POST', headers });
    let run: { status: string; started: number; skipped: Record<string, number>; failed: number; startedAt: string; finishedAt: string | null } | undefined;
    for (;;) {
      await sleep(500);
      // A platform busy starting thousands of conversations may answer 503 for a moment.
      const answer = await fetch(`${apiUrl}/campaigns/${name}/runs`, { headers }).catch(() => null);
      if (!answer?.ok) continue;
      [run] = (await answer.json()) as NonNullable<typeof run>[];
      if (run?.status === 'completed') break;
    }
    const startedSeconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
    // Every started outreach sends its first message from its own conversation workflow.
    let sent = 0;
    let sentSeconds = 0;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS sent, max(m.created_at) AS last FROM outreaches o JOIN messages m ON m.conversation_id = o.conversation_id AND m.role = 'ai'
          WHERE o.customer_id LIKE $1`,
        [`${prefix}_%`],
      );
      sent = rows[0].sent;
      if (sent >= run.started) {
        sentSeconds = (new Date(rows[0].last).getTime() - began) / 1000;
        break;
      }
      await sleep(1000);
    }

    log(`Baseline: starting ${customers} bare echo workflows...`);
    const baselineBegan = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: BASELINE_CONCURRENCY }, async () => {
        while (next < customers) {
          next++;
          await client.workflow.start(echoWorkflow, { workflowId: `bench-start-${randomUUID()}`, taskQueue: ECHO_TASK_QUEUE, args: [1] });
        }
      }),
    );
    const baselineSeconds = (performance.now() - baselineBegan) / 1000;

    const result = {
      customers,
      campaign: {
        started: run.started,
        skipped: run.skipped,
        failed: run.failed,
        startedPerSecond: Number((run.started / startedSeconds).toFixed(1)),
        firstMessagesPerSecond: Number((sent / sentSeconds).toFixed(1)),
        seconds: Number(sentSeconds.toFixed(1)),
      },
      baseline: { workflowStartsPerSecond: Number((customers / baselineSeconds).toFixed(1)) },
      ratio: { startedPerSecond: Number((run.started / startedSeconds / (customers / baselineSeconds)).toFixed(3)) },
    };
    if (args.json) console.log(JSON.stringify(result));
    else {
      console.log(`\n  campaign over ${customers} customers, pacing off`);
      console.log(`  outreaches started   ${result.campaign.startedPerSecond} /s  (${run.started} started, ${run.failed} failed, skipped ${JSON.stringify(run.skipped)})`);
      console.log(`  first messages sent  ${result.campaign.firstMessagesPerSecond} /s  (all sent ${result.campaign.seconds} s after the run began)`);
      console.log(`  bare workflow starts ${result.baseline.workflowStartsPerSecond} /s  (baseline)`);
      console.log(`  ratio (outreaches started / bare starts): ${result.ratio.startedPerSecond}\n`);
    }
  } finally {
    await db.end();
    await connection.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
