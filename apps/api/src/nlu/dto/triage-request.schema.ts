import { z } from 'zod';
import { chatMessageSchema, nluModelRefSchema } from '@baton/contracts';

/**
 * POST /nlu/triage: a customer message to read signals from, under the same rules as a typed chat
 * message, and optionally the intent model to read it with (as a flow's classify node names one).
 */
export const triageRequestSchema = z.strictObject({ text: chatMessageSchema.shape.text, model: nluModelRefSchema.optional() });
export type TriageRequest = z.infer<typeof triageRequestSchema>;
