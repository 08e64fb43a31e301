import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { envDuration, envPort, envUrl, loadConfig } from '@baton/config';
import { flowName, passwordSchema } from '@baton/contracts';
import { outreachPolicyConfig } from '@baton/db';

const DURATION_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A rate such as "30/10s" (30 per 10 seconds) or "10/15m": at most `limit` in each `windowMs`. */
const envRate = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,5}\/[1-9]\d{0,5}(s|m|h)$/, 'must be a rate such as 30/10s or 10/15m')
    .default(fallback)
    .transform((value) => {
      const [, limit, amount, unit] = /^(\d+)\/(\d+)(s|m|h)$/.exec(value)!;
      return { limit: Number(limit), windowMs: Number(amount) * DURATION_MS[unit as keyof typeof DURATION_MS] };
    });
export type Rate = { limit: number; windowMs: number };

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet Express's `trust proxy` takes: `10.0.0.0/8`, `fd00::/8`, `192.0.2.7`, or one of PROXY_NAMES. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Unset: no proxy is believed. A number of hops (1-10), or the proxies' addresses, subnets and names, comma-separated. */
const envTrustProxy = z
  .string()
  .optional()
  .refine(
    (value) => value === undefined || /^([1-9]|10)$/.test(value) || value.split(',').every((entry) => isProxyEntry(entry.trim())),
    'must be a number of proxy hops (1-10), or addresses, subnets and loopback, linklocal or uniquelocal, comma-separated',
  )
  .transform((value) => (value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim())));

export const apiConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  API_PORT: envPort(3000),
  API_HOST: z.string().default('127.0.0.1'),
  /**
   * The root token: an admin credential from the environment for the CLI, tests and `npm start`.
   * Optional; in production create users and API keys, then unset it (or rotate it like a password).
   */
  BATON_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How long a sign-in lasts. */
  SESSION_TTL: envDuration('12h'),
  /** The first admin, created when the users table is empty at start. */
  BATON_ADMIN_EMAIL: z.email('must be an email address').default('admin@baton.local').transform((value) => value.toLowerCase()),
  /** The first admin's password; without it a one-time password is generated and printed once. */
  BATON_ADMIN_PASSWORD: passwordSchema.optional(),
  /** Failed sign-ins allowed per email address in a window, then 429 until the window has passed. */
  LOGIN_RATE_LIMIT: envRate('10/15m'),
  /** Failed sign-ins allowed per client address (an office behind one NAT shares it, hence higher). */
  LOGIN_IP_RATE_LIMIT: envRate('100/15m'),
  /** Inbound messages allowed per conversation (channel + conversationKey), counted across every API process. */
  INBOUND_RATE_LIMIT: envRate('30/10s'),
  /** When set, POST /messages must carry X-Baton-Signature made with it (as POST /events with its secret). */
  INBOUND_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Secret that signs per-conversation web-chat tokens. */
  CHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CHAT_TOKEN_TTL: envDuration('24h'),
  /**
   * The proxies (load balancers) whose X-Forwarded-For gives the client's address, for the sign-in
   * limit per address and the audit log. Unset, the header is ignored, so no client can claim
   * another's address; behind a proxy every client then shares the proxy's.
   */
  TRUST_PROXY: envTrustProxy,
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
  /** Push queues: how long a task waits before it is offered again when no agent is free. */
  ROUTING_RETRY_SECONDS: z.string().regex(/^\d+$/, 'must be a number of seconds').transform(Number).pipe(z.number().int().min(1).max(600)).prefault('5'),
  /** How often the agent desk's live feed looks for changed tasks. */
  DESK_POLL_INTERVAL: envDuration('250ms'),
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
