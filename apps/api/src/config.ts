import { z } from 'zod';
import { envDuration, envPort, envUrl, loadConfig } from '@baton/config';

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
  CONVERSATION_IDLE_TIMEOUT: envDuration('30m'),
  CSAT_TIMEOUT: envDuration('24h'),
  MAX_AI_FAILURES: z.string().regex(/^[1-9]$/, 'must be a number from 1 to 9').transform(Number).prefault('2'),
  MAX_HISTORY_EVENTS: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('2000'),
  /** How often the event streams look for new rows. */
  STREAM_POLL_INTERVAL: envDuration('300ms'),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const API_CONFIG = Symbol('API_CONFIG');
export const loadApiConfig = (env?: Record<string, string | undefined>) => loadConfig(apiConfigSchema, env);
