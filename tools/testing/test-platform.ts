/**
 * The platform the HTTP tests run against: a real Temporal dev server (in memory), a fresh
 * database on the real PostgreSQL at DATABASE_URL, and the demo store, worker and API as child
 * processes, exactly as `npm start` runs them. A small control endpoint lets tests kill and
 * restart the worker.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { type Platform, startPlatform, workspaceRoot } from '../launcher/platform';
import { startDeliverySinks } from './delivery-sinks';
import { ALWAYS_OPEN, publishFlowVariant, setOpeningHours } from './flow-variants';
import { freePort } from './free-port';

/** Where a test platform named `name` writes its state (read by the tests), log and bundle. */
export const stateFile = (name: string) => path.join(workspaceRoot, '.data', name, 'platform.json');
/**
 * The HTTP tests' platform. Its folder is named per run when BATON_E2E_PLATFORM is set (the global
 * setup does), so that two test runs on one machine never read each other's state.
 */
export const E2E_PLATFORM = process.env.BATON_E2E_PLATFORM ?? 'e2e';
export const E2E_STATE_FILE = stateFile(E2E_PLATFORM);

export interface TestPlatformOptions {
  /** Folder under .data/ for the log, the bundle and the state file. */
  name?: string;
  apiEnv?: Record<string, string>;
  /** Also serve the console (Vite dev server), for browser tests. */
  withConsole?: boolean;
}

export interface E2eState {
  apiUrl: string;
  storeUrl: string;
  consoleUrl?: string;
  apiToken: string;
  databaseUrl: string;
  temporalAddress: string;
  controlUrl: string;
  /** The test's webhook receiver and SMTP server (what arrived: /webhook/received, /smtp/mails). */
  deliveryUrl: string;
  /** The secret business events are signed with, when the API was started with one. */
  eventsSigningSecret: string | null;
  /** The secret inbound messages (POST /messages) are signed with, when the API was started with one. */
  inboundSigningSecret: string | null;
}

export interface RunningTestPlatform {
  state: E2eState;
  stop(): Promise<void>;
}

function serverUrlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function startTestPlatform({ name = E2E_PLATFORM, apiEnv = {}, withConsole = false }: TestPlatformOptions = {}): Promise<RunningTestPlatform> {
  const dir = path.join(workspaceRoot, '.data', name);
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new Error('DATABASE_URL must point at a PostgreSQL server for the integration tests (npm test sets one up).');
  }
  mkdirSync(dir, { recursive: true });
  const database = `baton_${name.replace(/[^a-z0-9]/gi, "_")}_${Date.now()}_${process.pid}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const databaseUrl = serverUrlWithDatabase(adminUrl, database);

  const bundlePath = path.join(dir, 'workflow-bundle.js');
  execFileSync(process.execPath, ['-r', '@swc-node/register', path.join(workspaceRoot, 'apps/worker/src/bundle.main.ts'), bundlePath], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const log = path.join(dir, 'platform.log');
  const logStream = createWriteStream(log, { flags: 'w' });
  const [api, store, temporal, pglite, consolePort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const apiToken = `e2e-token-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  // The integration tests' platform wants inbound messages signed, as a production deployment should;
  // the bench, the history recorder and the browser tests send theirs unsigned.
  const inboundSigningSecret = apiEnv.INBOUND_SIGNING_SECRET ?? (name === E2E_PLATFORM ? `e2e-inbound-secret-${'y'.repeat(16)}` : null);
  const sinks = await startDeliverySinks();
  let platform: Platform;
  try {
    platform = await startPlatform({
      databaseUrl,
      ports: { api, store, temporal, pglite, ...(withConsole ? { console: consolePort } : {}) },
      secrets: {
        apiToken,
        chatTokenSecret: `e2e-chat-secret-${'x'.repeat(32)}`,
        demoStoreApiKey: `e2e-store-key-${Date.now()}`,
      },
      apiEnv: {
        STREAM_POLL_INTERVAL: '100ms',
        ...(inboundSigningSecret ? { INBOUND_SIGNING_SECRET: inboundSigningSecret } : {}),
        // The integration tests call the API as a proxy on loopback would, forwarding clients' addresses.
        ...(name === E2E_PLATFORM ? { TRUST_PROXY: 'loopback' } : {}),
        ...apiEnv,
      },
      workerEnv: {
        DELIVERY_WEBHOOK_URL: sinks.webhookUrl,
        DELIVERY_WEBHOOK_SECRET: sinks.webhookSecret,
        SMTP_URL: sinks.smtpUrl,
        SMTP_FROM: 'Baton Store <support@store.example>',
        ACTION_CONNECTIONS: `sink=${sinks.inspectUrl}`,
      },
      workflowBundle: bundlePath,
      withConsole,
      output: (name, line) => logStream.write(`${name.padEnd(9)}| ${line}\n`),
    });
  } catch (error) {
    await sinks.stop();
    throw new Error(`The test platform did not start (see ${path.relative(workspaceRoot, log)}): ${(error as Error).message}`);
  }

  const control = await startControlServer(platform);
  const state: E2eState = {
    apiUrl: platform.urls.api,
    storeUrl: platform.urls.store,
    consoleUrl: platform.urls.console,
    apiToken,
    databaseUrl,
    temporalAddress: platform.temporalAddress,
    controlUrl: control.url,
    deliveryUrl: sinks.inspectUrl,
    eventsSigningSecret: apiEnv.EVENTS_SIGNING_SECRET ?? null,
    inboundSigningSecret,
  };
  // Tests run at any hour: the team in the shipped policy is in around the clock here, and the
  // after-hours path is tested with a flow of its own.
  await publishFlowVariant(state, {
    from: 'conversation-default',
    message: 'Tests: the team is in around the clock',
    change: (flow) => setOpeningHours(flow, ALWAYS_OPEN),
  });
  writeFileSync(stateFile(name), JSON.stringify(state, null, 2));

  return {
    state,
    async stop() {
      control.server.close();
      await platform.stop();
      await sinks.stop();
      logStream.end();
      const cleanup = new PgClient({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * POST /{worker|store}/kill ends the process as a crash would (SIGKILL); /start starts it again.
 * Tests use it to take the worker or the business backend away and bring them back.
 */
async function startControlServer(platform: Platform): Promise<{ server: Server; url: string }> {
  const port = await freePort();
  const server = createServer(async (request, response) => {
    const [, name, action] = /^\/(worker|store)\/(kill|start)$/.exec(request.url ?? '') ?? [];
    const managed = name ? platform.processes.get(name) : undefined;
    if (request.method !== 'POST' || !managed) return void response.writeHead(404).end();
    try {
      await (action === 'kill' ? managed.kill() : managed.start());
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}` };
}
