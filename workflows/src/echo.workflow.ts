import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { EchoActivities } from './activities';
import { echoUpdate } from './definitions';

const { echo } = proxyActivities<EchoActivities>({ startToCloseTimeout: '10 seconds' });

/**
 * The bench's baseline: each update runs one activity and returns its answer, the bare cost of a
 * message in, an activity and a reply out. Ends after `idleMs` without an update.
 */
export async function echoWorkflow(idleMs: number): Promise<number> {
  let handled = 0;
  let last = 0;
  setHandler(echoUpdate, async (text) => {
    handled++;
    return echo(text);
  });
  while (await condition(() => handled !== last, idleMs)) last = handled;
  await condition(allHandlersFinished);
  return handled;
}
