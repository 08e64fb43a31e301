import { setTimeout as sleep } from 'node:timers/promises';
import { as, createAgent } from './support/agents';
import type { TestUser } from './support/people';
import { api, conversation, escalatedTask, type HttpAnswer } from './support/platform-client';

/** Claims as an agent would: a 429 means "busy, retry", so retry it after the advertised delay. */
async function claim(taskId: string, agent: TestUser): Promise<HttpAnswer> {
  for (;;) {
    const answer = await api('POST', `/tasks/${taskId}/claim`, {}, as(agent));
    if (answer.status !== 429) return answer;
    expect(answer.body.error.code).toBe('BUSY_RETRY');
    await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000);
  }
}

describe('claiming a task', () => {
  let agents: TestUser[];

  beforeAll(async () => {
    agents = [];
    for (let i = 0; i < 100; i++) agents.push(await createAgent());
  }, 120_000);

  it('gives a task to exactly one of 100 concurrent claimers; the others get clear refusals', async () => {
    const { conversationId, task } = await escalatedTask();

    const answers = await Promise.all(agents.map((agent) => claim(task.id, agent)));

    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual(Array(99).fill(409));
    for (const loser of answers.filter((answer) => answer.status === 409)) {
      expect(loser.body.error.code).toBe('TASK_ALREADY_CLAIMED');
    }
    const winner = winners[0].body.claimedBy;
    expect(agents.map((agent) => agent.id)).toContain(winner);
    const view = await conversation(conversationId);
    expect(view.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: winner });
    expect(view.stage).toBe('human');
    expect(view.decisions.filter((d) => d.rule === 'agent-claimed')).toHaveLength(1);
    const holder = await api('GET', '/agents/me', undefined, as(agents.find((agent) => agent.id === winner)!));
    expect(holder.body.load).toEqual({ claimed: 1, reserved: 0 });
  }, 120_000);

  it('lets the winner claim again idempotently and refuses everyone else', async () => {
    const { task } = await escalatedTask();
    const [first, second] = agents;
    expect((await claim(task.id, first)).status).toBe(200);
    expect((await claim(task.id, first)).body).toMatchObject({ status: 'claimed', claimedBy: first.id });
    expect((await claim(task.id, second)).status).toBe(409);
  });
});
