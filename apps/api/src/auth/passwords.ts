import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt parameters for new hashes: N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt), about
 * 32 MiB and 50-100 ms per hash. Each hash names its own parameters, so they can be raised later
 * without invalidating the passwords already stored.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Ceilings on what a stored hash may ask for, so a tampered row cannot exhaust memory or CPU. */
const MAX_MEMORY = 256 * 2 ** 20;
const MAX_P = 16;

const derive = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem: 2 * 128 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** `scrypt$N$r$p$<salt base64url>$<hash base64url>` for a new random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether the password matches the stored hash; false for a malformed hash, never an exception. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  const N = Number(n);
  const [R, P] = [Number(r), Number(p)];
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !hash) return false;
  if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0) return false;
  if (!Number.isInteger(R) || !Number.isInteger(P) || R < 1 || P < 1 || P > MAX_P || 128 * N * R > MAX_MEMORY) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P });
  return timingSafeEqual(key, expected);
}

/** A password for someone else to use once: 24 characters, 144 random bits. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');

/**
 * A hash of no one's password. Sign-ins for unknown or disabled accounts are checked against it,
 * so they take as long as a wrong password and do not reveal which emails exist.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(generatePassword()));
