import { z } from 'zod';
import { envPort, envUrl, loadConfig } from '@baton/config';

export const storeConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  DEMO_STORE_PORT: envPort(4100),
  /** Interface to listen on; 0.0.0.0 in containers. */
  DEMO_STORE_HOST: z.string().min(1).default('127.0.0.1'),
  /** Key Baton's worker presents to call the store, as a business would require. */
  DEMO_STORE_API_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** Baton's API, to mint web-chat tokens for the store's signed-in customers. */
  BATON_API_URL: envUrl('http', 'https'),
  BATON_API_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  /** Origins allowed to call the store from a browser (the console's chat demo). */
  DEMO_STORE_CORS_ORIGINS: z.string().default('*'),
});
export type StoreConfig = z.infer<typeof storeConfigSchema>;

export const loadStoreConfig = () => loadConfig(storeConfigSchema);
