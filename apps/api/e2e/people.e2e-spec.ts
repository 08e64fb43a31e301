import { randomUUID } from 'node:crypto';
import { smallPolicyFlow } from '@baton/flow/testing';
import { createApiKey, createUser } from './support/people';
import { api, newKey, platform, signature, sql } from './support/platform-client';

const login = (email: string, password: string) => api('POST', '/auth/login', { email, password }, { token: null });
const me = (token: string) => api('GET', '/auth/me', undefined, { token });
const auditOf = async (query: string) => (await api('GET', `/audit?${query}`)).body.entries as any[];

describe('signing in', () => {
  it('signs in, answers who is calling, and signs out', async () => {
    const user = await createUser(['supervisor'], { name: 'Sam Supervisor' });
    const mine = await me(user.token);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      kind: 'user',
      id: user.id,
      name: 'Sam Supervisor',
      roles: ['supervisor'],
      mustChangePassword: false,
      user: { id: user.id, email: user.email, disabled: false },
    });
    expect(Date.parse(mine.body.sessionExpiresAt)).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect((await api('GET', '/campaigns', undefined, { token: user.token })).status).toBe(200);

    expect((await api('POST', '/auth/logout', undefined, { token: user.token })).status).toBe(204);
    const after = await me(user.token);
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers a wrong password and an unknown email alike, without a session', async () => {
    const user = await createUser(['agent']);
    const wrong = await login(user.email, 'not the password at all');
    const unknown = await login(`nobody-${randomUUID()}@e2e.test`, 'not the password at all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'the email or the password is wrong' } });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).not.toHaveProperty('token');
    // Email addresses are matched regardless of case.
    expect((await login(user.email.toUpperCase(), user.password)).status).toBe(200);
  });

  it('refuses a disabled user, and their sessions, until re-enabled', async () => {
    const user = await createUser(['designer']);
    expect((await api('PATCH', `/users/${user.id}`, { disabled: true })).body).toMatchObject({ disabled: true });
    expect((await me(user.token)).status).toBe(401);
    const refused = await login(user.email, user.password);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);

    expect((await api('PATCH', `/users/${user.id}`, { disabled: false })).body).toMatchObject({ disabled: false });
    expect((await me(user.token)).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('refuses expired and revoked sessions', async () => {
    const expired = await createUser(['agent']);
    const revoked = await createUser(['agent']);
    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [expired.id]);
    await sql(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [revoked.id]);
    for (const token of [expired.token, revoked.token, `${expired.token}x`]) {
      const answer = await me(token);
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('keeps only hashes of passwords and session tokens', async () => {
    const user = await createUser(['agent']);
    const [row] = await sql(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(user.password);
    const sessions = await sql(`SELECT encode(token_hash, 'hex') AS hash FROM sessions WHERE user_id = $1`, [user.id]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].hash).toHaveLength(64);
    expect(JSON.stringify(sessions)).not.toContain(user.token);
  });
});

describe('one-time passwords', () => {
  it('must be changed before anything but /auth/me, /auth/password and /auth/logout', async () => {
    const email = `otp-${randomUUID()}@e2e.test`;
    const created = await api('POST', '/users', { email, name: 'Dana Designer', roles: ['designer'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, mustChangePassword: true, roles: ['designer'] });
    const oneTime = created.body.oneTimePassword as string;
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    expect((await api('GET', `/users/${created.body.id}`)).body).not.toHaveProperty('oneTimePassword');

    const session = await login(email, oneTime);
    expect(session.body).toMatchObject({ mustChangePassword: true, user: { email } });
    const { token } = session.body;
    const other = (await login(email, oneTime)).body.token;
    const blocked = await api('GET', '/flows', undefined, { token });
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await me(token)).body).toMatchObject({ mustChangePassword: true });

    const wrongCurrent = await api('POST', '/auth/password', { currentPassword: 'not-it', newPassword: 'a brand new passphrase' }, { token });
    expect([wrongCurrent.status, wrongCurrent.body.error.code]).toEqual([400, 'INVALID_CREDENTIALS']);
    const tooShort = await api('POST', '/auth/password', { currentPassword: oneTime, newPassword: 'short' }, { token });
    expect([tooShort.status, tooShort.body.error.details[0].field]).toEqual([400, 'newPassword']);
    expect((await api('GET', '/flows', undefined, { token })).status).toBe(403);

    expect((await api('POST', '/auth/password', { currentPassword: oneTime, newPassword: 'a brand new passphrase' }, { token })).status).toBe(204);
    expect((await api('GET', '/flows', undefined, { token })).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await login(email, oneTime)).status).toBe(401);
    expect((await login(email, 'a brand new passphrase')).body).toMatchObject({ mustChangePassword: false });
  });
});

describe('users', () => {
  it('refuses a second user with the same email, whatever its case', async () => {
    const user = await createUser(['agent']);
    const again = await api('POST', '/users', { email: user.email.toUpperCase(), name: 'Again', roles: ['agent'], password: 'long enough password' });
    expect([again.status, again.body.error.code]).toEqual([409, 'USER_EXISTS']);
  });

  it('makes users with the agent role agents, with the defaults', async () => {
    const agent = await createUser(['agent']);
    expect(await sql(`SELECT capacity, presence FROM agents WHERE user_id = $1`, [agent.id])).toEqual([{ capacity: 3, presence: 'offline' }]);
    const supervisor = await createUser(['supervisor']);
    expect(await sql(`SELECT 1 FROM agents WHERE user_id = $1`, [supervisor.id])).toHaveLength(0);
    expect((await api('PATCH', `/users/${supervisor.id}`, { roles: ['supervisor', 'agent'] })).status).toBe(200);
    expect(await sql(`SELECT 1 FROM agents WHERE user_id = $1`, [supervisor.id])).toHaveLength(1);
  });

  it('answers 404 for an unknown user and 400 for bad input, changing nothing', async () => {
    expect((await api('GET', `/users/${randomUUID()}`)).body.error.code).toBe('USER_NOT_FOUND');
    const bad = await api('POST', '/users', { email: 'not-an-email', name: '', roles: ['integration'], password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['email', 'name', 'password', 'roles.0']);
  });
});

describe('API keys', () => {
  it('creates a key shown once, uses it with its roles only, and revokes it', async () => {
    const created = await api('POST', '/api-keys', { name: 'ci flows', roles: ['designer'] });
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.body;
    expect(key).toMatch(/^bk_[\w-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);

    expect((await api('GET', '/flows', undefined, { token: key })).status).toBe(200);
    expect((await api('GET', '/campaigns', undefined, { token: key })).status).toBe(403);
    expect((await me(key)).body).toMatchObject({ kind: 'api_key', id, name: 'ci flows', roles: ['designer'], user: null });

    const listed = await api('GET', '/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.find((k: { id: string }) => k.id === id)).toMatchObject({ prefix, revokedAt: null, lastUsedAt: expect.any(String) });

    expect((await api('DELETE', `/api-keys/${id}`)).status).toBe(204);
    const after = await api('GET', '/flows', undefined, { token: key });
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await api('DELETE', `/api-keys/${id}`)).status).toBe(204);
    expect((await api('DELETE', `/api-keys/${randomUUID()}`)).body.error.code).toBe('API_KEY_NOT_FOUND');
    const audited = (await auditOf('actor=root&limit=50')).filter((entry) => entry.target === id);
    expect(audited.map((entry) => entry.action)).toEqual(['api_key.revoked', 'api_key.created']);
    expect(JSON.stringify(audited)).not.toContain(key);
  });

  it('lets an integration key send messages and events, and nothing else', async () => {
    const key = await createApiKey(['integration']);
    const sent = await api('POST', '/messages', { channel: 'api', conversationKey: newKey(), customerId: 'cus_1001', text: 'Hello', idempotencyKey: randomUUID() }, { token: key });
    expect(sent.status).toBe(202);
    // A customer of its own: the outreach this starts must not stand in the way of other tests' customers.
    const rawBody = JSON.stringify({ type: 'payment.due', customerId: `cus_people_${randomUUID().slice(0, 8)}`, idempotencyKey: randomUUID() });
    const event = await api('POST', '/events', undefined, { token: key, rawBody, headers: { 'x-baton-signature': signature(platform.eventsSigningSecret!, rawBody) } });
    expect(event.status).toBe(202);
    expect((await api('GET', `/conversations/${sent.body.conversationId}`, undefined, { token: key })).status).toBe(403);
    expect((await api('GET', '/flows', undefined, { token: key })).status).toBe(403);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after 10 failures for one email, even to the right password', async () => {
    const user = await createUser(['agent']);
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong password ${i}`)).status).toBe(401);
    const limited = await login(user.email, user.password);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not held back by it.
    const other = await createUser(['agent']);
    expect((await login(other.email, other.password)).status).toBe(200);
  });
});

describe('client addresses behind a proxy (TRUST_PROXY=loopback on the test platform)', () => {
  it("counts a failed sign-in against the forwarded client's address and records that address", async () => {
    const user = await createUser(['agent']);
    const refused = await api('POST', '/auth/login', { email: user.email, password: 'not the password' }, { token: null, headers: { 'x-forwarded-for': '198.51.100.23' } });
    expect(refused.status).toBe(401);
    const [failed] = await auditOf('action=auth.login_failed&limit=1');
    expect(failed).toMatchObject({ target: user.id, ip: '198.51.100.23' });
  });
});

describe('inbound messages', () => {
  const message = () => ({ channel: 'sms', conversationKey: newKey('sms'), customerId: 'cus_1001', text: 'Hello', idempotencyKey: randomUUID() });

  it('must be signed over the exact body within five minutes', async () => {
    const secret = platform.inboundSigningSecret!;
    const body = JSON.stringify(message());
    const old = Math.floor(Date.now() / 1000) - 301;
    for (const header of [{}, { 'x-baton-signature': 'garbage' }, { 'x-baton-signature': signature(secret, body, old) }, { 'x-baton-signature': signature('another-secret-0123456789', body) }, { 'x-baton-signature': signature(secret, `${body} `) }]) {
      const refused = await api('POST', '/messages', undefined, { rawBody: body, headers: { 'x-baton-signature': '', ...header } });
      expect([refused.status, refused.body.error.code]).toEqual([401, 'SIGNATURE_INVALID']);
    }
    expect((await sql(`SELECT 1 FROM messages WHERE idempotency_key = $1`, [JSON.parse(body).idempotencyKey])).length).toBe(0);
    expect((await api('POST', '/messages', undefined, { rawBody: body })).status).toBe(202);
  });

  it('are limited per conversation, with Retry-After, leaving other conversations alone', async () => {
    // Naming an unpublished flow makes each message cheap to refuse after it has been counted.
    // The bucket holds 30 and refills at 3 a second, so of 45 sent at once a few more than 30 pass.
    const first = message();
    const answers = await Promise.all(Array.from({ length: 45 }, () => api('POST', '/messages', { ...first, idempotencyKey: randomUUID(), flow: 'no-such-flow' })));
    const counted = answers.filter((answer) => answer.status === 422).length;
    expect(counted).toBeGreaterThanOrEqual(30);
    expect(counted).toBeLessThan(40);
    expect(answers.filter((answer) => answer.status !== 422).every((answer) => answer.status === 429)).toBe(true);
    const limited = answers.find((answer) => answer.status === 429)!;
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('POST', '/messages', { ...message(), channel: first.channel })).status).toBe(202);
  });
});

describe('audit log', () => {
  it('records sign-ins, failed sign-ins and sign-outs, without passwords', async () => {
    const user = await createUser(['agent']);
    await login(user.email, 'definitely not it');
    await api('POST', '/auth/logout', undefined, { token: user.token });

    const entries = await auditOf(`actor=${user.id}`);
    expect(entries.map((entry) => entry.action)).toEqual(['auth.logout', 'auth.login']);
    expect(entries[1]).toMatchObject({ actor: { kind: 'user', id: user.id }, target: user.id, ip: expect.any(String) });
    const [failed] = await auditOf('action=auth.login_failed&limit=1');
    expect(failed).toMatchObject({ actor: { kind: 'anonymous', id: null }, target: user.id, details: { email: user.email, reason: 'wrong_password' } });
    const everything = JSON.stringify(await auditOf('limit=500'));
    expect(everything).not.toContain(user.password);
    expect(everything).not.toContain('definitely not it');
    expect(everything).not.toContain(user.token);
  });

  it('records flow publishes and rollbacks with who did them', async () => {
    const designer = await createUser(['designer']);
    const as = { token: designer.token };
    const name = `audited-${randomUUID().slice(0, 8)}`;
    expect((await api('POST', '/flows', { name, kind: 'conversation', flow: smallPolicyFlow(name, 'care') }, as)).status).toBe(201);
    expect((await api('POST', `/flows/${name}/publish`, { message: 'first', author: 'dana' }, as)).status).toBe(201);
    const { draftRevision } = (await api('GET', `/flows/${name}`, undefined, as)).body;
    expect((await api('PUT', `/flows/${name}/draft`, { flow: smallPolicyFlow(name, 'support'), baseRevision: draftRevision, author: 'dana' }, as)).status).toBe(200);
    expect((await api('POST', `/flows/${name}/publish`, { message: 'second', author: 'dana' }, as)).status).toBe(201);
    expect((await api('POST', `/flows/${name}/rollback`, { version: 1, author: 'dana' }, as)).status).toBe(201);

    const entries = (await auditOf(`actor=${designer.id}`)).filter((entry) => entry.target === name);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'flow.rolled_back', details: expect.objectContaining({ version: 3, rollbackOf: 1 }) }),
      expect.objectContaining({ action: 'flow.published', details: expect.objectContaining({ version: 2, message: 'second' }) }),
      expect.objectContaining({ action: 'flow.published', details: expect.objectContaining({ version: 1, message: 'first' }) }),
    ]);
    expect(entries[0].actor).toEqual({ kind: 'user', id: designer.id, name: expect.any(String) });
  });

  it('pages newest first by entry id, and refuses bad filters', async () => {
    const first = await api('GET', '/audit?limit=2');
    expect(first.body.entries).toHaveLength(2);
    expect(Number(first.body.entries[0].id)).toBeGreaterThan(Number(first.body.entries[1].id));
    const next = await api('GET', `/audit?limit=2&before=${first.body.nextBefore}`);
    expect(Number(next.body.entries[0].id)).toBeLessThan(Number(first.body.entries[1].id));
    const bad = await api('GET', '/audit?since=yesterday&limit=0');
    expect([bad.status, bad.body.error.details.map((detail: { field: string }) => detail.field).sort()]).toEqual([400, ['limit', 'since']]);
  });
});
