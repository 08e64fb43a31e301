import { z } from 'zod';

/** A TCP port given as a decimal string. */
export const envPort = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .refine((port) => port > 0 && port < 65536, 'must be between 1 and 65535')
    .prefault(String(fallback));

/** An absolute URL with one of the given protocols. */
export const envUrl = (...protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`);

/** "true"/"false"/"1"/"0". */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1')
    .prefault(fallback ? 'true' : 'false');

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as "250ms", "30s", "15m", "24h" or "7d", parsed to milliseconds. */
export const envDuration = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 500ms, 30s, 15m, 24h or 7d')
    .default(fallback)
    .transform((value) => {
      const [, amount, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(value)!;
      return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    });
