import { RateLimiter } from './rate-limiter';

const T0 = 1_800_000_000_000;

describe('RateLimiter', () => {
  it('lets a burst up to the limit through, then refuses with the wait until the next token', () => {
    const limiter = new RateLimiter(30, 10_000);
    for (let i = 0; i < 30; i++) expect(limiter.take('web/a', T0)).toEqual({ allowed: true });
    expect(limiter.take('web/a', T0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the limit per window', () => {
    const limiter = new RateLimiter(10, 15 * 60_000);
    for (let i = 0; i < 10; i++) limiter.take('email:a@b.c', T0);
    expect(limiter.take('email:a@b.c', T0)).toEqual({ allowed: false, retryAfterSeconds: 90 });
    expect(limiter.take('email:a@b.c', T0 + 89_000).allowed).toBe(false);
    expect(limiter.take('email:a@b.c', T0 + 90_000 + 89_000).allowed).toBe(true);
    expect(limiter.take('email:a@b.c', T0 + 90_000 + 89_000).allowed).toBe(false);
    expect(limiter.take('email:a@b.c', T0 + 15 * 60_000 * 2)).toEqual({ allowed: true });
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(1, 10_000);
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(false);
    expect(limiter.take('b', T0).allowed).toBe(true);
  });

  it('gives back a refunded token, never above the limit', () => {
    const limiter = new RateLimiter(2, 10_000);
    limiter.take('a', T0);
    limiter.take('a', T0);
    limiter.refund('a');
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(false);
    for (let i = 0; i < 5; i++) limiter.refund('a');
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(false);
  });

  it('holds at most maxKeys buckets, forgetting the least recently used first', () => {
    const limiter = new RateLimiter(1, 60_000, 3);
    for (const key of ['a', 'b', 'c']) limiter.take(key, T0);
    limiter.take('a', T0); // a is now the most recently used (and refused)
    limiter.take('d', T0); // evicts b
    expect(limiter.size).toBe(3);
    expect(limiter.take('a', T0).allowed).toBe(false);
    expect(limiter.take('c', T0).allowed).toBe(false);
    expect(limiter.take('b', T0).allowed).toBe(true);
  });

  it('stays bounded under many distinct keys', () => {
    const limiter = new RateLimiter(5, 1000, 1000);
    for (let i = 0; i < 10_000; i++) limiter.take(`key-${i}`, T0 + i);
    expect(limiter.size).toBe(1000);
  });
});
