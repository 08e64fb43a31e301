import path from 'node:path';
import { z } from 'zod';
import { envDuration, envPort, envUrl, loadConfig } from '@baton/config';
import { flowName } from '@baton/contracts';
import { outreachPolicyConfig } from '@baton/db';

export const apiConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  API_PORT: envPort(3000),
  API_HOST: z.string().default('127.0.0.1'),
  /** Bearer token every route but /health requires (replaced by users and API keys later). */
  BATON_API_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  /** Secret that signs per-conversation web-chat tokens. */
  CHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CHAT_TOKEN_TTL: envDuration('24h'),
  /** Browser origins allowed to call the API (the console), comma-separated. */
  CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
  /** The published conversation flow new conversations run unless a message names another. */
  CONVERSATION_FLOW: flowName.default('conversation-default'),
  /** Shipped flows (`<name>.flow.json`) published on start when the database lacks them. */
  FLOWS_DIR: z
    .string()
    .min(1, 'must be a folder path')
    .default(path.join(__dirname, '../../../flows'))
    .transform((dir) => path.resolve(dir)),
  ...outreachPolicyConfig,
  /** When set, POST /events must carry X-Baton-Signature (HMAC-SHA256 of "<t>.<body>") made with it. */
  EVENTS_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  MAX_HISTORY_EVENTS: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('2000'),
  /** How often the event streams look for new rows. */
  STREAM_POLL_INTERVAL: envDuration('300ms'),
  /** Folder of shipped knowledge bases (`<name>.md`); each is loaded into its knowledge base while that has never had articles. */
  KNOWLEDGE_DIR: z
    .string()
    .min(1, 'must be a folder path')
    .default(path.join(__dirname, '../../../knowledge'))
    .transform((dir) => path.resolve(dir)),
  /** Folder of shipped intent training sets (`<name>.json`); each is trained on start while no model of that name exists. */
  NLU_DIR: z
    .string()
    .min(1, 'must be a folder path')
    .default(path.join(__dirname, '../../../nlu'))
    .transform((dir) => path.resolve(dir)),
  /** Longest an intent model may train before its thread is stopped and the version marked failed. */
  NLU_TRAINING_TIMEOUT: envDuration('10m'),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const API_CONFIG = Symbol('API_CONFIG');
export const loadApiConfig = (env?: Record<string, string | undefined>) => loadConfig(apiConfigSchema, env);
