import { z } from 'zod';

/** GET /customers/:customerId/conversations?limit= */
export const customerConversationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
});
export type CustomerConversationsQuery = z.infer<typeof customerConversationsQuerySchema>;
