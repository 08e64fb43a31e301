import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Resolves once the process serves; polled until it does, the process exits or time runs out. */
  ready?: () => Promise<boolean>;
  /** Alternatively: ready once the process prints a matching line. */
  readyLine?: RegExp;
  readyTimeoutMs?: number;
  /** Where each output line goes; by default the launcher's stdout, prefixed with the name. */
  output?: (name: string, line: string) => void;
}

const COLORS = [36, 35, 33, 32, 34, 31, 96];
let colorIndex = 0;

export const prefixedOutput = () => {
  const color = COLORS[colorIndex++ % COLORS.length];
  return (name: string, line: string) => process.stdout.write(`\x1b[${color}m${name.padEnd(9)}\x1b[0m| ${line}\n`);
};

/** A child process the launcher starts, waits for, watches and stops. */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private stopping = false;
  /** Called when the process ends without being asked to. */
  onUnexpectedExit: (code: number | null) => void = () => undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; does nothing if it is already running. */
  async start(): Promise<void> {
    if (this.running) return;
    const { name, command, args, env, cwd } = this.spec;
    const output = this.spec.output ?? prefixedOutput();
    this.stopping = false;
    let sawReadyLine = false;
    const ready = this.spec.ready ?? (async () => sawReadyLine);
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (this.spec.readyLine?.test(line)) sawReadyLine = true;
        output(name, line);
      });
    }
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        resolve(code);
        if (!this.stopping) this.onUnexpectedExit(code);
      });
      child.once('error', (error) => {
        output(name, `failed to start: ${error.message}`);
        resolve(null);
      });
    });
    const deadline = Date.now() + (this.spec.readyTimeoutMs ?? 120_000);
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    while (!(await ready().catch(() => false))) {
      if (exitedEarly) throw new Error(`${name} exited before it was ready (exit code ${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`${name} was not ready after ${Math.round((this.spec.readyTimeoutMs ?? 120_000) / 1000)} s`);
      }
      await sleep(200);
    }
  }

  /** Asks the process to stop, and kills it if it has not within the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Ends the process at once, as a crash would. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill('SIGKILL');
    await this.exited;
  }
}

/** True once something accepts TCP connections on the port. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

/** True once the URL answers with a status the predicate accepts. */
export async function httpReady(url: string, accept: (status: number) => boolean = (status) => status < 500): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return accept(response.status);
  } catch {
    return false;
  }
}
