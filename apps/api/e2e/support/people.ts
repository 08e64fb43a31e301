import { randomUUID } from 'node:crypto';
import type { CreatedApiKeyView, CreatedUserView, Role, SessionView } from '@baton/contracts';
import { api } from './platform-client';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** A session token from POST /auth/login. */
  token: string;
}

/**
 * Creates a user with the given roles (through POST /users with the root token) and signs them
 * in. The password is chosen here, so the user need not change it before calling anything.
 */
export async function createUser(
  roles: Exclude<Role, 'integration'>[],
  options: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `${roles.join('-') || 'user'}-${randomUUID()}@e2e.test`;
  const password = options.password ?? `pw-${randomUUID()}`;
  const created = await api<CreatedUserView>('POST', '/users', { email, name: options.name ?? `Test ${roles.join(' ')}`, roles, password });
  if (created.status !== 201) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
  const session = await api<SessionView>('POST', '/auth/login', { email, password }, { token: null });
  if (session.status !== 200) throw new Error(`login failed: ${session.status} ${JSON.stringify(session.body)}`);
  return { id: created.body.id, email: created.body.email, password, token: session.body.token };
}

/** Creates an API key with the given roles (with the root token) and returns the key itself. */
export async function createApiKey(roles: Role[], name = `e2e key ${roles.join(' ')}`): Promise<string> {
  const created = await api<CreatedApiKeyView>('POST', '/api-keys', { name, roles });
  if (created.status !== 201) throw new Error(`API key not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.key;
}
