import { api, eventually, newKey, platform, say } from './support/platform-client';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('authentication', () => {
  it('guards every route but /health and /auth/login (walked from the OpenAPI document)', async () => {
    const document = await api<OpenApi>('GET', '/docs/openapi.json', undefined, { token: null });
    expect(document.status).toBe(200);
    const routes = Object.entries(document.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => [method.toUpperCase(), path] as const),
    );
    expect(routes.length).toBeGreaterThanOrEqual(11);

    for (const [method, path] of routes) {
      const anonymous = await api(method, concrete(path), method === 'GET' ? undefined : {}, { token: null });
      const forged = await api(method, concrete(path), method === 'GET' ? undefined : {}, { token: 'x'.repeat(40) });
      if (path === '/health') {
        expect([method, path, anonymous.status]).toEqual([method, path, 200]);
        continue;
      }
      if (path === '/auth/login') {
        expect([method, path, anonymous.status]).toEqual([method, path, 400]);
        continue;
      }
      expect([method, path, anonymous.status, anonymous.body?.error?.code]).toEqual([method, path, 401, 'UNAUTHENTICATED']);
      expect([method, path, forged.status]).toEqual([method, path, 401]);
    }
  });

  it('limits a chat token to its own conversation', async () => {
    const session = await api('POST', '/chat/sessions', { customerId: 'cus_1001' });
    expect(session.status).toBe(201);
    const { token, conversationKey } = session.body;

    const sent = await api('POST', '/chat/messages', { text: 'Where is my order ORD-10042?', idempotencyKey: 'c1' }, { token });
    expect(sent.status).toBe(202);
    const own = await eventually(
      () => api('GET', '/chat/conversation', undefined, { token }),
      (answer) => answer.body.messages.length > 0,
    );
    expect(own.body.conversationId).toBe(sent.body.conversationId);
    expect(own.body.messages[0]).toMatchObject({ role: 'customer', text: 'Where is my order ORD-10042?' });
    expect(own.body).not.toHaveProperty('decisions');

    const other = await say(newKey(), 'Hello from someone else');
    const peek = await fetch(`${platform.apiUrl}/chat/events?conversationId=${other.conversationId}&access_token=${encodeURIComponent(token)}`);
    expect(peek.status).toBe(404);
    expect((await api('GET', `/conversations/${sent.body.conversationId}`, undefined, { token })).status).toBe(401);
    expect((await api('GET', '/tasks', undefined, { token })).status).toBe(401);
    expect(conversationKey).toMatch(/^web-/);
  });

  it('refuses tampered and malformed chat tokens', async () => {
    const { token } = (await api('POST', '/chat/sessions', { customerId: 'cus_1001' })).body as { token: string };
    const [payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ conversationKey: 'victim', customerId: 'cus_1002', expiresAt: Date.now() + 1e9 })).toString('base64url');
    for (const bad of [`${otherPayload}.${signature}`, `${payload}.`, payload, `${payload}.${signature}.x`, 'not-a-token']) {
      expect((await api('POST', '/chat/messages', { text: 'hi', idempotencyKey: 'x' }, { token: bad })).status).toBe(401);
    }
  });
});
