import { z } from 'zod';
import { externalId } from './text';

export const TASK_STATUSES = ['open', 'claimed', 'resolved', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const DISPOSITIONS = ['resolved', 'not_resolved', 'follow_up', 'duplicate', 'spam'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const listTasksQuerySchema = z.strictObject({
  status: z.enum(TASK_STATUSES).default('open'),
  queue: externalId.optional(),
  /** Only tasks held by (claimed by or offered to) this agent; `me` is the caller. */
  agent: z.union([z.literal('me'), z.uuid('must be an agent id or "me"')]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

/** POST /tasks/:id/resolve, by the agent who holds the task (or a supervisor). */
export const resolveTaskSchema = z.strictObject({
  disposition: z.enum(DISPOSITIONS),
  notes: z.string().max(4000, 'notes must be at most 4000 characters').optional(),
});
export type ResolveTask = z.infer<typeof resolveTaskSchema>;
