import type { ConversationEvent } from '@baton/contracts';
import { as, createAgent } from './support/agents';
import { api, newKey, platform, say } from './support/platform-client';

/** Reads server-sent events until `enough` says so; returns them with their ids. */
async function readEvents(url: string, headers: Record<string, string>, enough: (events: (ConversationEvent & { id: string })[]) => boolean) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: (ConversationEvent & { id: string })[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1] ?? '';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) events.push({ ...JSON.parse(data), id });
      }
      if (enough(events)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('the conversation event stream', () => {
  it('streams messages, the task and stage changes in order, and resumes after Last-Event-ID', async () => {
    const key = newKey();
    const { conversationId } = await say(key, 'I want to cancel my subscription', { customerId: 'cus_1002' });
    // The conversation can be streamed as soon as its first message is accepted.
    const url = `${platform.apiUrl}/conversations/${conversationId}/events`;

    const events = await readEvents(
      url,
      { authorization: `Bearer ${platform.apiToken}` },
      (seen) => seen.some((e) => e.type === 'message' && e.message.role === 'ai') && seen.some((e) => e.type === 'stage' && e.stage === 'escalated'),
    );

    const messages = events.filter((e) => e.type === 'message');
    expect(messages.map((e) => e.type === 'message' && e.message.role)).toEqual(['customer', 'ai']);
    expect(events.some((e) => e.type === 'task' && e.task.status === 'open')).toBe(true);
    expect(events.some((e) => e.type === 'stage' && e.stage === 'escalated')).toBe(true);
    const messageSeqs = messages.map((e) => e.seq);
    expect(messageSeqs).toEqual([...messageSeqs].sort((a, b) => a - b));

    const task = events.find((e) => e.type === 'task')!;
    const lastSeen = messages.at(-1)!.id;
    const agent = await createAgent();
    const claim = await api('POST', `/tasks/${task.type === 'task' && task.task.id}/claim`, {}, as(agent));
    expect(claim.status).toBe(200);
    const resumed = await readEvents(
      `${url}?access_token=${encodeURIComponent(platform.apiToken)}`,
      { 'last-event-id': lastSeen },
      (seen) => seen.some((e) => e.type === 'task' && e.task.status === 'claimed'),
    );
    expect(resumed.filter((e) => e.type === 'message')).toEqual([]);
    expect(resumed.find((e) => e.type === 'task')).toMatchObject({ task: { status: 'claimed', claimedBy: agent.id } });
  });
});
