import { setTimeout as sleep } from 'node:timers/promises';
import { api, conversation, escalatedTask, type HttpAnswer } from './support/platform-client';

/** Claims as an agent would: a 429 means "busy, retry", so retry it after the advertised delay. */
async function claim(taskId: string, agentId: string): Promise<HttpAnswer> {
  for (;;) {
    const answer = await api('POST', `/tasks/${taskId}/claim`, { agentId });
    if (answer.status !== 429) return answer;
    expect(answer.body.error.code).toBe('BUSY_RETRY');
    await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000);
  }
}

describe('claiming a task', () => {
  it('gives a task to exactly one of 20 concurrent claimers', async () => {
    const { conversationId, task } = await escalatedTask();
    const agents = Array.from({ length: 20 }, (_, i) => `agent-${i}`);

    const answers = await Promise.all(agents.map((agent) => claim(task.id, agent)));

    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual(Array(19).fill(409));
    for (const loser of answers.filter((answer) => answer.status === 409)) {
      expect(loser.body.error.code).toBe('TASK_ALREADY_CLAIMED');
    }
    const winner = winners[0].body.claimedBy;
    const view = await conversation(conversationId);
    expect(view.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: winner });
    expect(view.stage).toBe('human');
    expect(view.decisions.filter((d) => d.rule === 'agent-claimed')).toHaveLength(1);
  });

  it('lets the winner claim again idempotently and refuses everyone else', async () => {
    const { task } = await escalatedTask();
    expect((await claim(task.id, 'agent-a')).status).toBe(200);
    expect((await claim(task.id, 'agent-a')).body).toMatchObject({ status: 'claimed', claimedBy: 'agent-a' });
    expect((await claim(task.id, 'agent-b')).status).toBe(409);
  });
});
