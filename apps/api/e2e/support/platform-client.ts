import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import type { ConversationView, InboundMessageAccepted, TaskView } from '@baton/contracts';
import { E2E_STATE_FILE, type E2eState } from '@baton/testing';

export const platform: E2eState = JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8'));

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** X-Baton-Signature as a business's system makes it: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const signature = (secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

/**
 * One HTTP call to the API; the integration token is sent unless another (or none) is given.
 * Inbound messages (POST /messages) are signed as a channel gateway signs them when the platform
 * wants signatures; an x-baton-signature in `headers` replaces that signature.
 */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  options: { token?: string | null; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const token = options.token === undefined ? platform.apiToken : options.token;
  const rawBody = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const secret = method === 'POST' && path === '/messages' ? platform.inboundSigningSecret : null;
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(secret ? { 'x-baton-signature': signature(secret, rawBody ?? '') } : {}),
      ...options.headers,
    },
    body: rawBody,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export const newKey = (prefix = 'conv') => `${prefix}-${randomUUID()}`;

/** Delivers a customer message and expects it accepted. */
export async function say(
  conversationKey: string,
  text: string,
  options: { customerId?: string; idempotencyKey?: string; channel?: string; flow?: string } = {},
): Promise<InboundMessageAccepted> {
  const answer = await api<InboundMessageAccepted>('POST', '/messages', {
    channel: options.channel ?? 'web',
    conversationKey,
    customerId: options.customerId ?? 'cus_1001',
    text,
    idempotencyKey: options.idempotencyKey ?? randomUUID(),
    ...(options.flow ? { flow: options.flow } : {}),
  });
  if (answer.status !== 202) throw new Error(`message refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Polls until the predicate holds, returning its value; fails with the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last, null, 2)}`);
    await sleep(150);
  }
}

export const conversation = async (id: string) => (await api<ConversationView>('GET', `/conversations/${id}`)).body;

/** Waits for the conversation to satisfy the predicate (it may not be in the read model yet). */
export const conversationWhen = (id: string, accept: (view: ConversationView) => boolean, timeoutMs?: number) =>
  eventually(
    async () => {
      const answer = await api<ConversationView>('GET', `/conversations/${id}`);
      return answer.status === 200 ? answer.body : null;
    },
    (view) => view !== null && accept(view),
    timeoutMs,
  ) as Promise<ConversationView>;

export const aiReplies = (view: ConversationView) => view.messages.filter((message) => message.role === 'ai').map((m) => m.text);

/** Escalates a new conversation (the customer wants to cancel) and returns its open task. */
export async function escalatedTask(customerId = 'cus_1002'): Promise<{ conversationId: string; task: TaskView; key: string }> {
  const key = newKey('escalate');
  const { conversationId } = await say(key, 'I want to cancel my subscription', { customerId });
  const view = await conversationWhen(conversationId, (v) => v.tasks.length === 1);
  return { conversationId, task: view.tasks[0], key };
}

/** Direct SQL on the test database, for checks that must not go through the API. */
export async function sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new PgClient({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Kills (SIGKILL) or starts the worker or the demo store behind the running platform. */
export async function control(process: 'worker' | 'store', action: 'kill' | 'start'): Promise<void> {
  const response = await fetch(`${platform.controlUrl}/${process}/${action}`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`${process} ${action} failed: ${await response.text()}`);
}

/** Reports a business event, signed as the business's system signs it (when the platform wants signatures). */
export async function postEvent<T = any>(event: unknown, options: { signature?: string | null; timestamp?: number } = {}): Promise<HttpAnswer<T>> {
  const rawBody = JSON.stringify(event);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = platform.eventsSigningSecret;
  const signed = options.signature !== undefined ? options.signature : secret && signature(secret, rawBody, timestamp);
  return api<T>('POST', '/events', undefined, { rawBody, headers: signed ? { 'x-baton-signature': signed } : {} });
}
