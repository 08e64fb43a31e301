import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, apiKeyPrefix, hashToken, newToken } from './tokens';

describe('tokens', () => {
  it('makes 256-bit base64url tokens and keeps only their SHA-256', () => {
    const { token, hash } = newToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(hash).toEqual(createHash('sha256').update(token).digest());
    expect(hashToken(token)).toEqual(hash);
  });

  it('prefixes API keys so they can be told apart from session tokens', () => {
    const { token, hash } = newToken(API_KEY_PREFIX);
    expect(token).toMatch(/^bk_[\w-]{43}$/);
    expect(hashToken(token)).toEqual(hash);
    expect(apiKeyPrefix(token)).toBe(token.slice(0, 9));
  });

  it('never makes the same token twice', () => {
    expect(new Set(Array.from({ length: 1000 }, () => newToken().token)).size).toBe(1000);
  });

  it('hashes different tokens differently and equal tokens equally', () => {
    expect(hashToken('a')).not.toEqual(hashToken('b'));
    expect(hashToken('same')).toEqual(hashToken('same'));
  });
});
