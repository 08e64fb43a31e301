import type { Role } from '@baton/contracts';
import { createApiKey, createUser } from './support/people';
import { platform, signature } from './support/platform-client';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** Who besides admins (always allowed) may call a route; or a route open to all, or only to web-chat tokens. */
type Access = readonly Exclude<Role, 'admin'>[] | 'public' | 'chat-token';

const SIGNED_IN = ['designer', 'supervisor', 'agent', 'integration'] as const;
const DESK = ['agent', 'supervisor'] as const;
const CONVERSATION_READERS = ['supervisor', 'agent', 'designer'] as const;

/**
 * The roles matrix, one row per "METHOD path" as the OpenAPI document spells it. Every documented
 * route must have a row (the test fails on one that has none); rows for routes not built yet wait
 * for them. `[]` means admins only.
 */
const MATRIX: Record<string, Access> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': SIGNED_IN,
  'GET /auth/me': SIGNED_IN,
  'POST /auth/password': SIGNED_IN,

  'GET /users': [],
  'POST /users': [],
  'GET /users/{id}': [],
  'PATCH /users/{id}': [],
  'GET /api-keys': [],
  'POST /api-keys': [],
  'DELETE /api-keys/{id}': [],
  'GET /audit': [],

  'POST /messages': ['integration'],
  'POST /events': ['integration'],

  'POST /chat/sessions': ['integration'],
  'POST /chat/messages': 'chat-token',
  'GET /chat/conversation': 'chat-token',
  'GET /chat/events': 'chat-token',

  'GET /conversations/{id}': CONVERSATION_READERS,
  'GET /conversations/{id}/events': CONVERSATION_READERS,
  'GET /customers/{customerId}/contact-preferences': ['supervisor'],
  'PUT /customers/{customerId}/contact-preferences': ['supervisor'],
  'GET /customers/{customerId}/conversations': DESK,

  'GET /flows': ['designer'],
  'POST /flows': ['designer'],
  'GET /flows/{name}': ['designer'],
  'GET /flows/{name}/versions': ['designer'],
  'GET /flows/{name}/versions/{version}': ['designer'],
  'PUT /flows/{name}/draft': ['designer'],
  'POST /flows/{name}/validate': ['designer'],
  'POST /flows/{name}/publish': ['designer'],
  'POST /flows/{name}/rollback': ['designer'],
  'GET /flows/{name}/diff': ['designer'],

  'GET /knowledge-bases': ['designer'],
  'GET /knowledge-bases/{kb}/articles': ['designer'],
  'POST /knowledge-bases/{kb}/articles': ['designer'],
  'GET /knowledge-bases/{kb}/articles/{id}': ['designer'],
  'PUT /knowledge-bases/{kb}/articles/{id}': ['designer'],
  'DELETE /knowledge-bases/{kb}/articles/{id}': ['designer'],
  'GET /knowledge-bases/{kb}/search': ['designer'],
  'GET /knowledge-bases/{kb}/answer': ['designer'],

  'POST /nlu/triage': ['designer'],
  'PUT /nlu/models/{name}/training-set': ['designer'],
  'GET /nlu/models/{name}/training-set': ['designer'],
  'POST /nlu/models/{name}/train': ['designer'],
  'GET /nlu/models/{name}/versions': ['designer'],
  'POST /nlu/models/{name}/rollback': ['designer'],
  'POST /nlu/models/{name}/classify': ['designer'],

  'POST /campaigns': ['supervisor'],
  'GET /campaigns': ['supervisor'],
  'GET /campaigns/{name}': ['supervisor'],
  'GET /campaigns/{name}/runs': ['supervisor'],
  'POST /campaigns/{name}/pause': ['supervisor'],
  'POST /campaigns/{name}/resume': ['supervisor'],
  'POST /campaigns/{name}/run': ['supervisor'],
  'DELETE /campaigns/{name}': ['supervisor'],

  'GET /tasks': DESK,
  'GET /tasks/{id}': DESK,
  'POST /tasks/{id}/claim': DESK,
  'POST /tasks/{id}/decline': DESK,
  'POST /tasks/{id}/reply': DESK,
  'POST /tasks/{id}/transfer': DESK,
  'POST /tasks/{id}/release': DESK,
  'POST /tasks/{id}/resolve': DESK,
  'GET /tasks/{id}/assist': DESK,
  'GET /queues': DESK,
  'GET /queues/{name}': DESK,
  'PUT /queues/{name}': ['supervisor'],
  'DELETE /queues/{name}': ['supervisor'],
  'GET /agents': ['supervisor'],
  'GET /agents/me': ['agent'],
  'PUT /agents/me/presence': ['agent'],
  'PUT /agents/{id}': ['supervisor'],
  'GET /desk/events': DESK,
  'GET /canned-responses': DESK,
  'POST /canned-responses': ['supervisor'],
  'PUT /canned-responses/{id}': ['supervisor'],
  'DELETE /canned-responses/{id}': ['supervisor'],
  'GET /supervisor/overview': ['supervisor'],
};

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

/**
 * Calls a route and answers only the status and error code: an event stream is closed as soon as
 * its headers arrive, and inbound messages and events are signed, so that only the role decides.
 */
async function probe(method: string, path: string, token: string): Promise<{ status: number; code?: string }> {
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  const secrets: Record<string, string | null> = { 'POST /messages': platform.inboundSigningSecret, 'POST /events': platform.eventsSigningSecret };
  const secret = secrets[`${method} ${path}`];
  const abort = new AbortController();
  const response = await fetch(`${platform.apiUrl}${concrete(path)}`, {
    method,
    signal: abort.signal,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(secret ? { 'x-baton-signature': signature(secret, body ?? '') } : {}),
    },
    body,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status };
  }
  const text = await response.text();
  return { status: response.status, code: text.startsWith('{') ? JSON.parse(text).error?.code : undefined };
}

describe('roles', () => {
  it('allows and refuses every documented route per the roles matrix', async () => {
    const document = await fetch(`${platform.apiUrl}/docs/openapi.json`).then((response) => response.json() as Promise<OpenApi>);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.filter((route) => !(route in MATRIX))).toEqual([]);

    const callers: [Role, string][] = [
      ['admin', (await createUser(['admin'])).token],
      ['designer', (await createUser(['designer'])).token],
      ['supervisor', (await createUser(['supervisor'])).token],
      ['agent', (await createUser(['agent'])).token],
      ['integration', await createApiKey(['integration'])],
    ];
    // Signing out ends the session the walk is made with, so it comes last.
    const ordered = [...routes.filter((route) => route !== 'POST /auth/logout'), ...routes.filter((route) => route === 'POST /auth/logout')];

    const wrong: string[] = [];
    for (const route of ordered) {
      const [method, path] = route.split(' ') as [string, string];
      const access = MATRIX[route]!;
      for (const [role, token] of callers) {
        const answer = await probe(method, path, token);
        const outcome = `${answer.status} ${answer.code ?? ''}`.trim();
        if (access === 'chat-token') {
          if (answer.status !== 401) wrong.push(`${route} as ${role}: expected 401 (chat tokens only), got ${outcome}`);
        } else if (access === 'public' || role === 'admin' || access.includes(role as never)) {
          if (answer.status === 401 || answer.status === 403) wrong.push(`${route} as ${role}: expected allowed, got ${outcome}`);
        } else if (answer.status !== 403 || answer.code !== 'FORBIDDEN') {
          wrong.push(`${route} as ${role}: expected 403 FORBIDDEN, got ${outcome}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
