/**
 * Escalation to agent-visible: how long after a customer asks for a person the task shows on an agent
 * desk. One desk listens on GET /desk/events (server-sent events, the way the console's desk does);
 * customers ask for a person on new conversations, first one after another (the latency itself),
 * then N at once (a burst, where most of the time is queueing on the machine); each latency runs
 * from sending the message to the first desk event carrying a task of that conversation.
 */
import { randomUUID } from 'node:crypto';
import type { DeskEvent } from '@baton/contracts';
import type { E2eState } from '../testing/test-platform';
import { quantile } from './stats';

/** A message the shipped policy hands to a person at once (intent human_request). */
const ASK_FOR_A_PERSON = 'I want to speak to a person';
/** An escalation that shows on no desk within this long fails the bench. */
const TIMEOUT_MS = 120_000;

export interface EscalationFigures {
  /** One escalation at a time. */
  sequential: { escalations: number; latencyMs: { p50: number; p99: number } };
  /** All at once. */
  burst: { escalations: number; latencyMs: { p50: number; p99: number } };
}

/** Escalations measured one after another. */
const SEQUENTIAL = 30;

const figures = (latencies: number[]) => ({
  escalations: latencies.length,
  latencyMs: { p50: Math.round(quantile(latencies, 0.5)), p99: Math.round(quantile(latencies, 0.99)) },
});

/** An open desk: when each conversation's first task event arrived. */
class Desk {
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, { resolve: (at: number) => void; reject: (error: Error) => void }>();
  private readonly abort = new AbortController();

  static async open(state: E2eState): Promise<Desk> {
    const desk = new Desk();
    const response = await fetch(`${state.apiUrl}/desk/events?access_token=${encodeURIComponent(state.apiToken)}`, {
      headers: { accept: 'text/event-stream' },
      signal: desk.abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`the desk stream answered ${response.status}: ${await response.text()}`);
    void desk.read(response.body);
    return desk;
  }

  /** When the first task of the conversation reached the desk (ms since the epoch). */
  taskOf(conversationId: string): Promise<number> {
    const at = this.seen.get(conversationId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no desk event for conversation ${conversationId} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      this.waiting.set(conversationId, {
        resolve: (arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const arrived = Date.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.event(buffer.slice(0, end), arrived);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (this.abort.signal.aborted) return;
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`the desk stream failed: ${(error as Error).message}`));
      this.waiting.clear();
    }
  }

  private event(block: string, arrived: number): void {
    const lines = block.split('\n');
    if (!lines.includes('event: task')) return;
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    const { task } = JSON.parse(data) as DeskEvent;
    if (this.seen.has(task.conversationId)) return;
    this.seen.set(task.conversationId, arrived);
    this.waiting.get(task.conversationId)?.resolve(arrived);
    this.waiting.delete(task.conversationId);
  }
}

async function askForAPerson(state: E2eState, label: string): Promise<{ conversationId: string; sentAt: number }> {
  const sentAt = Date.now();
  const response = await fetch(`${state.apiUrl}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${state.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'api',
      conversationKey: `bench-escalation-${label}-${randomUUID()}`,
      customerId: 'cus_1001',
      text: ASK_FOR_A_PERSON,
      idempotencyKey: randomUUID(),
    }),
  });
  if (response.status !== 202) throw new Error(`message refused: ${response.status} ${await response.text()}`);
  const { conversationId } = (await response.json()) as { conversationId: string };
  return { conversationId, sentAt };
}

/**
 * After one warm-up escalation that also proves the desk is listening: SEQUENTIAL customers ask for
 * a person one after another, then `count` at once.
 */
export async function escalationRun(state: E2eState, count: number): Promise<EscalationFigures> {
  const desk = await Desk.open(state);
  const escalate = async (label: string) => {
    const { conversationId, sentAt } = await askForAPerson(state, label);
    return (await desk.taskOf(conversationId)) - sentAt;
  };
  try {
    await escalate('warmup');
    const sequential: number[] = [];
    for (let index = 0; index < SEQUENTIAL; index++) sequential.push(await escalate(`one-${index}`));
    const burst = await Promise.all(Array.from({ length: count }, (_, index) => escalate(`burst-${index}`)));
    return { sequential: figures(sequential), burst: figures(burst) };
  } finally {
    desk.close();
  }
}
