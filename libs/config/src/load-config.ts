import { z } from 'zod';

/** Raised when the environment does not satisfy an app's configuration schema. */
export class ConfigError extends Error {
  constructor(readonly setting: string, readonly problem: string) {
    super(`Configuration error: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once against an app's schema. The first problem is
 * reported as one line naming the setting, which is what an operator needs to
 * fix a failed start. An empty variable counts as unset (compose files pass
 * `${NAME:-}` for settings left out).
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const setting = issue.path.map(String).join('.') || '(environment)';
  const given = issue.path.length ? set[String(issue.path[0])] : undefined;
  throw new ConfigError(setting, given === undefined ? `is required: ${issue.message}` : `is invalid: ${issue.message}`);
}
