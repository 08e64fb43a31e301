import { randomUUID } from 'node:crypto';
import type { Role, SessionView, UserView } from '@baton/contracts';
import { api, platform } from './console-platform';

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A user with these roles, created with the root token; the password is chosen here, so none must be changed. */
export async function createUser(name: string, roles: Exclude<Role, 'integration'>[]): Promise<Person> {
  const email = `${name.toLowerCase()}-${randomUUID()}@console.test`;
  const password = `pw-${randomUUID()}`;
  const created = await api('POST', '/users', { email, name, roles, password });
  if (created.status !== 201) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: (created.body as UserView).id, name, email, password };
}

/** An agent serving every queue, three conversations at a time. */
export async function createAgent(name: string): Promise<Person> {
  const agent = await createUser(name, ['agent']);
  const profile = await api('PUT', `/agents/${agent.id}`, { skills: [], queues: [], capacity: 3 });
  if (profile.status !== 200) throw new Error(`agent profile not set: ${profile.status} ${JSON.stringify(profile.body)}`);
  return agent;
}

/** Signs the person in over the API and answers their session token. */
export async function sessionToken(person: Person): Promise<string> {
  const response = await fetch(`${platform.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as SessionView).token;
}
