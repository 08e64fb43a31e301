import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PlatformSecrets } from './platform';

/**
 * The platform's secrets: taken from the environment when set, otherwise generated on first
 * start and kept (owner-readable only) in the data directory, so a restart keeps working tokens.
 */
export function loadOrCreateSecrets(dataDir: string, env: Record<string, string | undefined> = process.env): PlatformSecrets & { created: boolean } {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<PlatformSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const generated: Partial<PlatformSecrets> = {};
  const pick = (key: keyof PlatformSecrets, fromEnv: string | undefined) =>
    fromEnv ?? stored[key] ?? (generated[key] = randomBytes(32).toString('base64url'));
  const secrets: PlatformSecrets = {
    apiToken: pick('apiToken', env.BATON_API_TOKEN),
    chatTokenSecret: pick('chatTokenSecret', env.CHAT_TOKEN_SECRET),
    demoStoreApiKey: pick('demoStoreApiKey', env.DEMO_STORE_API_KEY),
  };
  // Only generated secrets are written down; those from the environment stay there.
  if (Object.keys(generated).length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...generated }, null, 2), { mode: 0o600 });
  }
  return { ...secrets, created: Object.keys(generated).length > 0 };
}
