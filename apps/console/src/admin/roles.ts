import { type Role, ROLES } from '@baton/contracts';

/** What each role opens, as the checkboxes explain it. */
export const ROLE_HELP: Record<Role, string> = {
  admin: 'everything, including users and API keys',
  designer: 'flows, knowledge bases and intent models',
  supervisor: 'queues, agents, campaigns and the supervisor view',
  agent: 'the desk: claim, reply, transfer and resolve',
  integration: 'sends messages and events only (API keys)',
};

/** Roles a person may hold: integration is for API keys. */
export const USER_ROLES = ROLES.filter((role): role is Exclude<Role, 'integration'> => role !== 'integration');
