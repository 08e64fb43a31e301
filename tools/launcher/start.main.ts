/**
 * `npm start`: the whole platform on embedded defaults (or on DATABASE_URL / TEMPORAL_ADDRESS when
 * set), as one supervised process tree. Ctrl-C stops every child.
 */
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { z } from 'zod';
import { ConfigError, envPort, envUrl, loadConfig } from '@baton/config';
import { type ManagedProcess, prefixedOutput } from './managed-process';
import { type Platform, startPlatform, workspaceRoot } from './platform';
import { loadOrCreateSecrets } from './secrets';

const config = (() => {
  try {
    return loadConfig(
      z.object({
        DATABASE_URL: envUrl('postgres', 'postgresql').optional(),
        TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').optional(),
        BATON_DATA_DIR: z.string().default(path.join(workspaceRoot, '.data')),
        API_PORT: envPort(3000),
        CONSOLE_PORT: envPort(5173),
        DEMO_STORE_PORT: envPort(4100),
        TEMPORAL_PORT: envPort(7233),
        TEMPORAL_UI_PORT: envPort(8233),
        PGLITE_PORT: envPort(54329),
        BATON_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
        CHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
        DEMO_STORE_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
        BATON_ADMIN_EMAIL: z.email('must be an email address').default('admin@baton.local'),
      }),
    );
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
})();

/** App processes restart after a crash; this many restarts a minute means something is wrong. */
const MAX_RESTARTS_PER_MINUTE = 5;
const APP_PROCESSES = new Set(['store', 'worker', 'api', 'console']);

/** The API announces the first admin once, on the start that created it (see first-admin.seeder.ts). */
const FIRST_ADMIN = /First admin created: (\S+) with (?:one-time password (\S+)|the password from BATON_ADMIN_PASSWORD)/;

async function main() {
  const secrets = loadOrCreateSecrets(config.BATON_DATA_DIR);
  const firstAdmin: { email?: string; oneTimePassword?: string } = {};
  const outputs = new Map<string, (name: string, line: string) => void>();
  const output = (name: string, line: string) => {
    const admin = name === 'api' ? FIRST_ADMIN.exec(stripVTControlCharacters(line)) : null;
    if (admin) Object.assign(firstAdmin, { email: admin[1], oneTimePassword: admin[2] });
    if (!outputs.has(name)) outputs.set(name, prefixedOutput());
    outputs.get(name)!(name, line);
  };
  const platform = await startPlatform({
    dataDir: config.BATON_DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    temporalAddress: config.TEMPORAL_ADDRESS,
    ports: {
      api: config.API_PORT,
      store: config.DEMO_STORE_PORT,
      console: config.CONSOLE_PORT,
      temporal: config.TEMPORAL_PORT,
      temporalUi: config.TEMPORAL_UI_PORT,
      pglite: config.PGLITE_PORT,
    },
    secrets,
    output,
  });

  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nStopping Baton...');
    await platform.stop();
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  supervise(platform, () => shuttingDown, shutdown);
  await printSummary(platform, secrets.apiToken, secrets.created, firstAdmin);
}

function supervise(platform: Platform, shuttingDown: () => boolean, shutdown: (code: number) => Promise<void>) {
  for (const [name, managed] of platform.processes) {
    const restarts: number[] = [];
    managed.onUnexpectedExit = (code) => {
      if (shuttingDown()) return;
      if (!APP_PROCESSES.has(name)) {
        console.error(`${name} exited (code ${code}); the platform cannot run without it.`);
        void shutdown(1);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        console.error(`${name} keeps crashing (${restarts.length} times in a minute); stopping.`);
        void shutdown(1);
        return;
      }
      console.error(`${name} exited (code ${code}); restarting.`);
      void restart(managed, shutdown);
    };
  }
}

async function restart(managed: ManagedProcess, shutdown: (code: number) => Promise<void>) {
  try {
    await managed.start();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

async function printSummary(platform: Platform, apiToken: string, firstStart: boolean, firstAdmin: { email?: string; oneTimePassword?: string }) {
  const health = await fetch(`${platform.urls.api}/health`).then((response) => response.json()) as Record<string, { status: string }>;
  const rows = [
    ['API', platform.urls.api],
    ['API docs', platform.urls.docs],
    ['Console', platform.urls.console],
    ['Chat demo', platform.urls.console && `${platform.urls.console}/chat`],
    ['Temporal UI', platform.urls.temporalUi ?? `external (${platform.temporalAddress})`],
    ['Demo store', platform.urls.store],
    ['Database', platform.databaseUrl.replace(/\/\/([^:@]+):[^@]+@/, '//$1:***@')],
  ].filter((row): row is [string, string] => Boolean(row[1]));
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('\n  Baton is running\n');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  console.log(`\n  Health    temporal ${health.temporal.status}, database ${health.database.status}, worker ${health.worker.status}`);
  console.log(`  API token ${apiToken}${firstStart ? '  (generated; kept in the data directory; an admin credential)' : ''}`);
  const email = firstAdmin.email ?? config.BATON_ADMIN_EMAIL;
  if (firstAdmin.oneTimePassword) {
    console.log(`  Admin     ${email}, one-time password ${firstAdmin.oneTimePassword}  (shown this once; choose your own at the first sign-in)`);
  } else if (firstAdmin.email) {
    console.log(`  Admin     ${email}, with the password from BATON_ADMIN_PASSWORD`);
  } else {
    console.log(`  Admin     ${email}  (the first start printed its one-time password)`);
  }
  console.log('\n  Ctrl-C stops everything.\n');
}

main().catch((error) => {
  console.error(`Baton failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
