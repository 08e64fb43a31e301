import { z } from 'zod';
import { chatMessageSchema } from '@baton/contracts';

/** POST /nlu/triage: a customer message to read signals from, under the same rules as a typed chat message. */
export const triageRequestSchema = z.strictObject({ text: chatMessageSchema.shape.text });
export type TriageRequest = z.infer<typeof triageRequestSchema>;
