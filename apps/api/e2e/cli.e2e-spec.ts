import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serializeFlow, type FlowInput } from '@baton/flow';
import { policyFlow } from '@baton/flow/testing';
import { platform } from './support/platform-client';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '../../cli/src/main.ts');

/** Runs the real `baton` command against the test platform; never throws, returns the exit code. */
async function baton(args: string[], env: Record<string, string> = { BATON_API_TOKEN: platform.apiToken }) {
  try {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', cli, ...args], {
      env: { ...process.env, BATON_API_URL: platform.apiUrl, BATON_API_TOKEN: '', ...env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const flowNamed = (name: string): FlowInput => ({ ...policyFlow(), id: name, name });

describe('baton flows (flows as code)', () => {
  it('pushes, skips unchanged content, diffs, lists and pulls', async () => {
    const name = `cli-${Date.now()}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-flows-'));
    const file = path.join(dir, `${name}.flow.json`);
    writeFileSync(file, serializeFlow(flowNamed(name)));

    const first = await baton(['flows', 'push', file, '--author', 'eng-1', '--message', 'First version', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).pushed).toEqual([expect.objectContaining({ name, outcome: 'created', version: 1 })]);

    const again = await baton(['flows', 'push', file, '--json']);
    expect(JSON.parse(again.stdout).pushed).toEqual([expect.objectContaining({ outcome: 'unchanged', version: 1 })]);

    const changed = flowNamed(name);
    const care = changed.nodes.find((node) => node.id === 'care')!;
    (care.config as { priority: string }).priority = 'high';
    writeFileSync(file, serializeFlow(changed));
    const diff = await baton(['flows', 'diff', file, '--exit-code']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('~ node care (escalate)');
    expect(diff.stdout).toContain('config.priority: "urgent" -> "high"');

    const second = await baton(['flows', 'push', dir, '--json']);
    expect(JSON.parse(second.stdout).pushed).toEqual([expect.objectContaining({ outcome: 'published', version: 2 })]);
    expect((await baton(['flows', 'diff', file, '--exit-code'])).code).toBe(0);

    const list = JSON.parse((await baton(['flows', 'list', '--json'])).stdout);
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ name, currentVersion: 2, hasUnpublishedChanges: false })]));

    const pulled = mkdtempSync(path.join(tmpdir(), 'baton-pull-'));
    expect((await baton(['flows', 'pull', name, '--dir', pulled])).code).toBe(0);
    expect(readFileSync(path.join(pulled, `${name}.flow.json`), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('pushes nothing when any file is invalid, and says why', async () => {
    const name = `cli-bad-${Date.now()}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-flows-'));
    const broken = flowNamed(name);
    broken.edges = broken.edges.filter((edge) => edge.source !== 'lookup');
    writeFileSync(path.join(dir, `${name}.flow.json`), serializeFlow(broken));

    const pushed = await baton(['flows', 'push', dir]);
    expect(pushed.code).toBe(1);
    expect(pushed.stdout).toMatch(/\[port_unconnected\] node lookup/);
    expect(pushed.stdout).toContain('Nothing pushed.');
    const list = JSON.parse((await baton(['flows', 'list', '--json'])).stdout);
    expect(list.map((flow: { name: string }) => flow.name)).not.toContain(name);
  });

  it('exits 2 with a clear message without a token or a server', async () => {
    const noToken = await baton(['flows', 'list'], {});
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('an API token is required')]);
    const wrongToken = await baton(['flows', 'list'], { BATON_API_TOKEN: 'x'.repeat(30) });
    expect(wrongToken.code).toBe(2);
    const noServer = await baton(['flows', 'list', '--api-url', 'http://127.0.0.1:9'], { BATON_API_TOKEN: platform.apiToken });
    expect([noServer.code, noServer.stderr]).toEqual([2, expect.stringContaining('cannot reach the Baton API')]);
  });
});
