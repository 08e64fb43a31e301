import type { AgentProfile, Presence } from '@baton/contracts';
import { createUser, type TestUser } from './people';
import { api } from './platform-client';

/**
 * Creates a signed-in agent with a profile (skills, queues, capacity) set by the root token and
 * the presence the agent sets themselves (available unless told otherwise).
 */
export async function createAgent(profile: Partial<AgentProfile> = {}, presence: Presence = 'available'): Promise<TestUser> {
  const agent = await createUser(['agent']);
  const set = await api('PUT', `/agents/${agent.id}`, { skills: [], queues: [], capacity: 3, ...profile });
  if (set.status !== 200) throw new Error(`agent profile refused: ${set.status} ${JSON.stringify(set.body)}`);
  await setPresence(agent, presence);
  return agent;
}

export async function setPresence(agent: TestUser, presence: Presence): Promise<void> {
  const answer = await api('PUT', '/agents/me/presence', { presence }, { token: agent.token });
  if (answer.status !== 200) throw new Error(`presence refused: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The same request, made as this agent. */
export const as = (agent: TestUser) => ({ token: agent.token });
