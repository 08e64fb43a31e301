import { createHash, randomBytes } from 'node:crypto';

/** API keys start with this, so they are recognisable in configuration and by secret scanners. */
export const API_KEY_PREFIX = 'bk_';

/**
 * Session tokens and API keys are 256 random bits; the database keeps only their SHA-256, so a
 * leaked table opens nothing. A slow hash is unnecessary for random tokens of this length, and a
 * fast one lets every request be checked with a single indexed lookup.
 */
export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function newToken(prefix = ''): { token: string; hash: Buffer } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The part of an API key shown in lists, enough to tell keys apart and nowhere near enough to guess. */
export const apiKeyPrefix = (key: string): string => key.slice(0, API_KEY_PREFIX.length + 6);
