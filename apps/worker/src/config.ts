import { z } from 'zod';
import { envUrl, loadConfig } from '@baton/config';
import { outreachPolicyConfig } from '@baton/db';

const CONNECTION_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** `name=url,name=url`: the base URLs that flows' action nodes may call by name. */
const connectionList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const connections: Record<string, string> = {};
    for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
      const [name, url] = [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)];
      if (!entry.includes('=') || !CONNECTION_NAME.test(name) || name === 'http' || name === 'https') {
        ctx.addIssue({ code: 'custom', message: `"${entry}" must be name=url with a lower-case name (not http or https)` });
        continue;
      }
      if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) {
        ctx.addIssue({ code: 'custom', message: `connection "${name}" needs an http(s) URL` });
        continue;
      }
      connections[name] = url;
    }
    return connections;
  });

export const workerConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The sample business's backend: the `store` connection, its key the `store_api_key` secret. */
  DEMO_STORE_URL: envUrl('http', 'https'),
  DEMO_STORE_API_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** More connections for action nodes: `name=url,name=url`. */
  ACTION_CONNECTIONS: connectionList,
  /** sms, whatsapp and api messages are POSTed here (signed with DELIVERY_WEBHOOK_SECRET) for the business to relay. */
  DELIVERY_WEBHOOK_URL: envUrl('http', 'https').optional(),
  DELIVERY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** email messages: an SMTP server (smtp://user:pass@host:port or smtps://...) and the sender. */
  SMTP_URL: envUrl('smtp', 'smtps').optional(),
  SMTP_FROM: z.string().min(3).optional(),
  ...outreachPolicyConfig,
  /** Continue-as-new threshold of the outreach conversations campaigns start. */
  MAX_HISTORY_EVENTS: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('2000'),
  /**
   * Workflows kept in memory per task queue; others are replayed from history when they wake. The
   * SDK's default grows with the machine's memory, and 10,000 outreach conversations at once made a
   * worker spend its time in garbage collection until workflow tasks timed out and it crashed.
   */
  WORKFLOW_CACHE_SIZE: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('1000'),
  /** A prebuilt workflow bundle; without it the worker bundles the workflow sources at start. */
  WORKFLOW_BUNDLE: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export const loadWorkerConfig = () => loadConfig(workerConfigSchema);

const SECRET_PREFIX = 'ACTION_SECRET_';

/** Secrets for action headers: each `ACTION_SECRET_<NAME>` variable is the secret `<name>` (lower case). */
export function actionSecrets(env: NodeJS.ProcessEnv, config: WorkerConfig): Record<string, string> {
  const secrets: Record<string, string> = { store_api_key: config.DEMO_STORE_API_KEY };
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(SECRET_PREFIX) && key.length > SECRET_PREFIX.length && value) secrets[key.slice(SECRET_PREFIX.length).toLowerCase()] = value;
  }
  return secrets;
}
