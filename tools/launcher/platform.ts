import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { httpReady, ManagedProcess, portOpen, prefixedOutput, type ProcessSpec } from './managed-process';

export const workspaceRoot = path.resolve(__dirname, '../..');

export interface PlatformSecrets {
  apiToken: string;
  chatTokenSecret: string;
  demoStoreApiKey: string;
}

export interface PlatformOptions {
  /** Where the embedded servers persist; without it Temporal runs in memory (tests). */
  dataDir?: string;
  /** A PostgreSQL to use instead of embedded PGlite. */
  databaseUrl?: string;
  /** A Temporal frontend (host:port) to use instead of the CLI dev server. */
  temporalAddress?: string;
  ports: { api: number; store: number; console?: number; temporal: number; temporalUi?: number; pglite: number };
  secrets: PlatformSecrets;
  /** Extra settings for the API (timeouts and the like). */
  apiEnv?: Record<string, string>;
  /** Extra settings for the worker (tests point delivery at their own receivers). */
  workerEnv?: Record<string, string>;
  /** A prebuilt workflow bundle for the worker; without it the worker bundles at start. */
  workflowBundle?: string;
  withConsole?: boolean;
  output?: (name: string, line: string) => void;
}

export interface Platform {
  urls: { api: string; docs: string; store: string; console?: string; temporalUi?: string };
  databaseUrl: string;
  temporalAddress: string;
  processes: Map<string, ManagedProcess>;
  stop(): Promise<void>;
}

const node = (script: string) => ({ command: process.execPath, args: ['-r', '@swc-node/register', path.join(workspaceRoot, script)] });

/** Runs a one-off command (migrations) with its output prefixed; rejects if it fails. */
function runToCompletion(
  spec: { name: string; command: string; args: string[]; env: Record<string, string> },
  output: PlatformOptions['output'] = prefixedOutput(),
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => output(spec.name, line));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${spec.name} failed (exit code ${code})`))));
  });
}

/** The Temporal CLI: $TEMPORAL_CLI, the project's tools folder, or PATH. */
export function temporalCli(): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const local = path.join(workspaceRoot, '.tools/bin/temporal');
  return existsSync(local) ? local : 'temporal';
}

/**
 * Starts the platform as a tree of supervised processes, in dependency order: Temporal and
 * PostgreSQL (embedded unless given), migrations, the demo store, the worker, the API and the
 * console. If any step fails, what was started is stopped again.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { ports, secrets } = options;
  const started: ManagedProcess[] = [];
  const processes = new Map<string, ManagedProcess>();
  const launch = async (spec: Omit<ProcessSpec, 'output'>) => {
    const managed = new ManagedProcess({ ...spec, output: options.output ?? prefixedOutput() });
    processes.set(spec.name, managed);
    await managed.start();
    started.push(managed);
    return managed;
  };
  const stop = async () => {
    for (const managed of [...started].reverse()) await managed.stop();
  };

  try {
    let temporalAddress = options.temporalAddress;
    if (!temporalAddress) {
      const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(ports.temporal), '--log-level', 'error', '--namespace', 'default'];
      if (options.dataDir) {
        mkdirSync(path.join(options.dataDir, 'temporal'), { recursive: true });
        args.push(
          '--db-filename', path.join(options.dataDir, 'temporal', 'temporal.db'),
          // WAL lets readers and the writer proceed together; synchronous=normal syncs at checkpoints
          // rather than at every commit, which is durable across process crashes (only a power loss
          // can drop the last commits) and many times faster on this workload.
          '--sqlite-pragma', 'journal_mode=wal',
          '--sqlite-pragma', 'synchronous=normal',
        );
      }
      if (ports.temporalUi) args.push('--ui-port', String(ports.temporalUi));
      else args.push('--headless');
      await launch({ name: 'temporal', command: temporalCli(), args, ready: () => portOpen(ports.temporal), readyTimeoutMs: 60_000 });
      temporalAddress = `127.0.0.1:${ports.temporal}`;
    }

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      await launch({
        name: 'pglite',
        ...node('tools/launcher/pglite-server.ts'),
        env: { PGLITE_DATA_DIR: path.join(options.dataDir ?? path.join(workspaceRoot, '.data'), 'pglite'), PGLITE_PORT: String(ports.pglite) },
        ready: () => portOpen(ports.pglite),
        readyTimeoutMs: 60_000,
      });
      databaseUrl = `postgres://postgres@127.0.0.1:${ports.pglite}/postgres`;
    }

    await runToCompletion({ name: 'migrate', ...node('libs/db/src/migrate.main.ts'), env: { DATABASE_URL: databaseUrl } }, options.output);

    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const storeUrl = `http://127.0.0.1:${ports.store}`;
    const consoleUrl = ports.console ? `http://127.0.0.1:${ports.console}` : undefined;
    const common = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress };

    await launch({
      name: 'store',
      ...node('apps/demo-store/src/main.ts'),
      env: {
        DATABASE_URL: databaseUrl,
        DEMO_STORE_PORT: String(ports.store),
        DEMO_STORE_API_KEY: secrets.demoStoreApiKey,
        BATON_API_URL: apiUrl,
        BATON_API_TOKEN: secrets.apiToken,
      },
      ready: () => httpReady(`${storeUrl}/health`, (status) => status === 200),
    });
    await launch({
      name: 'worker',
      ...node('apps/worker/src/main.ts'),
      env: {
        ...common,
        DEMO_STORE_URL: storeUrl,
        DEMO_STORE_API_KEY: secrets.demoStoreApiKey,
        ...(options.workflowBundle ? { WORKFLOW_BUNDLE: options.workflowBundle } : {}),
        ...options.workerEnv,
      },
      readyLine: /^Worker polling/,
    });
    // Ready once /health is 200, which also needs the worker to be polling.
    await launch({
      name: 'api',
      ...node('apps/api/src/main.ts'),
      env: {
        ...common,
        API_PORT: String(ports.api),
        BATON_API_TOKEN: secrets.apiToken,
        CHAT_TOKEN_SECRET: secrets.chatTokenSecret,
        ...(consoleUrl ? { CORS_ORIGINS: `${consoleUrl},http://localhost:${ports.console}` } : {}),
        ...options.apiEnv,
      },
      ready: () => httpReady(`${apiUrl}/health`, (status) => status === 200),
    });
    if (ports.console && options.withConsole !== false) {
      await launch({
        name: 'console',
        command: process.execPath,
        args: [path.join(workspaceRoot, 'node_modules/vite/bin/vite.js'), '--port', String(ports.console), '--strictPort', '--host', '127.0.0.1'],
        cwd: path.join(workspaceRoot, 'apps/console'),
        env: { VITE_API_URL: apiUrl, VITE_STORE_URL: storeUrl },
        ready: () => httpReady(`http://127.0.0.1:${ports.console}/`, (status) => status === 200),
      });
    }
    return {
      urls: {
        api: apiUrl,
        docs: `${apiUrl}/docs`,
        store: storeUrl,
        console: consoleUrl,
        temporalUi: !options.temporalAddress && ports.temporalUi ? `http://127.0.0.1:${ports.temporalUi}` : undefined,
      },
      databaseUrl,
      temporalAddress,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
