import { z } from 'zod';
import { envUrl, loadConfig } from '@baton/config';

export const workerConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The sample business's backend that order-status and password-reset answers call. */
  DEMO_STORE_URL: envUrl('http', 'https'),
  DEMO_STORE_API_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** A prebuilt workflow bundle; without it the worker bundles the workflow sources at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export const loadWorkerConfig = () => loadConfig(workerConfigSchema);
