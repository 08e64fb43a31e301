import { z } from 'zod';
import { queueName } from '@baton/contracts';

/** GET /canned-responses?queue= */
export const listCannedResponsesQuerySchema = z.strictObject({ queue: queueName.optional() });
export type ListCannedResponsesQuery = z.infer<typeof listCannedResponsesQuerySchema>;
