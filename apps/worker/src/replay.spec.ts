import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from './bundle';

/**
 * Replays recorded histories (workflows/histories, `npm run histories:record`) against today's
 * workflow code: a change that would break conversations already in flight fails here.
 */
const HISTORIES = path.resolve(__dirname, '../../../workflows/histories');
const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

describe('recorded workflow histories', () => {
  jest.setTimeout(120_000);

  it('has histories of customer-started and event-started (outreach) conversations along several paths, and of a campaign run', () => {
    expect(files.filter((file) => file.startsWith('conversation-')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((file) => file.startsWith('outreach-')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((file) => file.startsWith('campaign-')).length).toBeGreaterThanOrEqual(1);
  });

  it('replay without nondeterminism on the current workflow code', async () => {
    const workflowBundle = await bundleWorkflows();
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
