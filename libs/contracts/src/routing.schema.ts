import { z } from 'zod';
import { timeZone } from './events.schema';
import { PRESENCES, type Presence } from './people.schema';
import { externalId, messageText } from './text';

/** A queue's name, as flows' escalate nodes name it. */
export const queueName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a slug: lowercase letters, digits, "-" and "_", at most 64 characters');

const skill = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'skills are slugs: lowercase letters, digits, "-" and "_"');
const skills = z.array(skill).max(20, 'at most 20 skills');
const seconds = z.number().int().min(1, 'must be at least 1 second').max(30 * 86_400, 'must be at most 30 days');

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day HH:MM');
const day = z.array(z.strictObject({ from: clock, to: clock }).refine(({ from, to }) => from < to, 'from must be before to')).max(6);
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When people staff a queue, in its time zone; holidays are closed all day. */
export const businessHoursSchema = z.strictObject({
  timeZone,
  weekly: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, day.default([])])) as Record<(typeof WEEKDAYS)[number], z.ZodDefault<typeof day>>),
  holidays: z.array(z.iso.date('holidays are dates YYYY-MM-DD')).max(366).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Service levels of a queue: how long a task may wait to be claimed, for its first reply, to be resolved. */
export const queueSlaSchema = z.strictObject({
  claimSeconds: seconds.optional(),
  firstReplySeconds: seconds.optional(),
  resolveSeconds: seconds.optional(),
});

/**
 * PUT /queues/:name. `pull`: agents claim from the live list. `push`: each task is offered to the
 * longest-idle eligible agent, whose reservation times out after `reservationSeconds` and moves on.
 */
export const queueSettingsSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  mode: z.enum(['pull', 'push']).default('pull'),
  requiredSkills: skills.default([]),
  /** Agents who serve several queues see higher-priority queues' tasks first. */
  priority: z.number().int().min(0).max(100).default(50),
  /** Used when the flow's escalate node sets none. */
  sla: queueSlaSchema.default({}),
  reservationSeconds: z.number().int().min(5, 'must be at least 5 seconds').max(3600).default(30),
  /** null: staffed around the clock. */
  businessHours: businessHoursSchema.nullable().default(null),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

export interface QueueView extends QueueSettings {
  name: string;
  /** Staffed now, by its business hours. */
  openNow: boolean;
  createdAt: string;
  updatedAt: string;
}

/** PUT /agents/:id (supervisor): what an agent can take and how much at once. */
export const agentProfileSchema = z.strictObject({
  skills: skills.default([]),
  /** Queues the agent serves; empty serves every queue. */
  queues: z.array(queueName).max(50).default([]),
  capacity: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').default(3),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

/** PUT /agents/me/presence */
export const presenceSchema = z.strictObject({ presence: z.enum(PRESENCES) });

export interface AgentView extends AgentProfile {
  id: string;
  name: string;
  email: string;
  presence: Presence;
  presenceSince: string;
  /** Tasks held now: claimed, and offered (reserved) but not yet accepted. */
  load: { claimed: number; reserved: number };
}

const agentId = z.uuid('must be an agent id');
const note = z.string().trim().max(4000, 'must be at most 4000 characters');

/** POST /tasks/:id/claim. Agents claim for themselves; supervisors may name the agent (assignment). */
export const claimTaskSchema = z.strictObject({ agentId: agentId.optional() });
export type ClaimTask = z.infer<typeof claimTaskSchema>;

/** POST /tasks/:id/decline: refuse a task offered to you. */
export const declineTaskSchema = z.strictObject({ agentId: agentId.optional() });
export type DeclineTask = z.infer<typeof declineTaskSchema>;

/** POST /tasks/:id/transfer: to another queue or to one agent (who is offered it), with a note. */
export const transferTaskSchema = z
  .strictObject({ queue: queueName.optional(), toAgentId: agentId.optional(), note: note.min(1, 'say why, for the next agent') })
  .refine((body) => (body.queue === undefined) !== (body.toAgentId === undefined), { message: 'give either queue or toAgentId', path: ['queue'] });
export type TransferTask = z.infer<typeof transferTaskSchema>;

/** POST /tasks/:id/release: back to the queue. */
export const releaseTaskSchema = z.strictObject({ note: note.optional() });
export type ReleaseTask = z.infer<typeof releaseTaskSchema>;

/** POST /tasks/:id/reply */
export const agentReplySchema = z.strictObject({ text: messageText, idempotencyKey: externalId.optional() });
export type AgentReply = z.infer<typeof agentReplySchema>;

/** POST /canned-responses (supervisor) */
export const cannedResponseSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  text: messageText,
  /** null: offered in every queue. */
  queue: queueName.nullable().default(null),
});
export type CannedResponseInput = z.infer<typeof cannedResponseSchema>;

export interface CannedResponseView extends CannedResponseInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
