import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serializeFlow } from '@baton/flow';
import { policyFlow } from '@baton/flow/testing';
import { run, UsageError } from './main';

const workdir = () => mkdtempSync(path.join(tmpdir(), 'baton-cli-'));

async function baton(args: string[]) {
  const lines: string[] = [];
  const code = await run(args, (text) => lines.push(text));
  return { code, output: lines.join('\n') };
}

describe('baton flows validate', () => {
  it('passes valid flow files', async () => {
    const dir = workdir();
    writeFileSync(path.join(dir, 'policy.flow.json'), serializeFlow(policyFlow()));
    const { code, output } = await baton(['flows', 'validate', dir]);
    expect(code).toBe(0);
    expect(output).toMatch(/^ok {5}.*policy\.flow\.json/m);
  });

  it('fails with every problem, naming the node and field', async () => {
    const dir = workdir();
    const flow = policyFlow();
    const care = flow.nodes.find((node) => node.id === 'care')!;
    (care.config as { queue: string }).queue = '';
    writeFileSync(path.join(dir, 'policy.flow.json'), JSON.stringify(flow));
    writeFileSync(path.join(dir, 'broken.flow.json'), '{ "id": ');
    const { code, output } = await baton(['flows', 'validate', dir, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(output);
    expect(report.valid).toBe(false);
    expect(report.files.map((f: { name: string; valid: boolean }) => [f.name, f.valid])).toEqual([
      ['broken', false],
      ['policy', false],
    ]);
    expect(report.files[1].problems).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'care', code: 'escalate_without_queue' })]));
  });

  it("refuses a file not named after the flow's id", async () => {
    const dir = workdir();
    writeFileSync(path.join(dir, 'other.flow.json'), serializeFlow(policyFlow()));
    const { code, output } = await baton(['flows', 'validate', dir]);
    expect(code).toBe(1);
    expect(output).toContain("the file is named other but the flow's id is policy");
  });

  it('reports usage errors', async () => {
    await expect(baton(['flows', 'frobnicate'])).rejects.toBeInstanceOf(UsageError);
    await expect(baton(['flows', 'validate', workdir()])).rejects.toThrow(/no flow files/);
    await expect(baton(['flows', 'validate', '/nonexistent-folder'])).rejects.toThrow(/no such file/);
  });
});

describe('baton nlu train', () => {
  it.each(['-1', '21', 'lots', ''])('refuses an operating point of %p before calling the API', async (drop) => {
    await expect(baton(['nlu', 'train', 'retention', `--max-in-scope-drop=${drop}`, '--api-url', 'http://127.0.0.1:9'])).rejects.toThrow(
      '--max-in-scope-drop must be a number of points from 0 to 20',
    );
  });

  it.each(['-5', '101', '9O', ' '])('refuses an accuracy bar of %p for eval', async (bar) => {
    await expect(baton(['nlu', 'eval', 'retention', '--file', 'rows.csv', `--min-accuracy=${bar}`])).rejects.toThrow('--min-accuracy must be a percentage from 0 to 100');
  });
});

describe('baton nlu arguments', () => {
  it.each([
    [['nlu', 'train', 'training.csv', '--file', 'other.csv'], 'give the file once: as the argument or with --file'],
    [['nlu', 'train', 'retention', '--model', 'billing'], 'give the model once: as the argument or with --model'],
    [['nlu', 'eval', 'retention', 'rows.csv'], 'nlu eval takes one model or file, not also "rows.csv"'],
    [['nlu', 'eval', 'retention'], 'nlu eval needs a file of labelled rows'],
    [['nlu', 'eval', '--model', 'retention'], 'nlu eval needs a file of labelled rows'],
  ])('refuses %j', async (args, message) => {
    await expect(baton(args)).rejects.toThrow(message);
  });
});
