import type { DataSource } from 'typeorm';
import { freshDatabase } from '@baton/db';
import { RateLimiter } from './rate-limiter';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const database = freshDatabase('rate_limits', 4);
let db: DataSource;
/** A second pool on the same database: another API process. */
let replica: DataSource;

// Far ahead of the database's clock, by which each limiter's background sweep runs: it never reaches these buckets.
const T0 = Date.parse('2100-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

beforeAll(async () => {
  db = await database.open();
  replica = await database.another();
}, 30_000);

afterEach(() => db.query(`TRUNCATE rate_limit_buckets`));

afterAll(() => database.close());

describe('RateLimiter', () => {
  it('lets a burst up to the limit through, then refuses with the wait until the next token', async () => {
    const limiter = new RateLimiter(db, 'inbound', 30, 10_000);
    for (let i = 0; i < 30; i++) expect(await limiter.take('web/a', at(0))).toEqual({ allowed: true });
    expect(await limiter.take('web/a', at(0))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("runs on the database's clock when no time is given", async () => {
    const limiter = new RateLimiter(db, 'inbound', 2, 60_000);
    expect(await limiter.take('now')).toEqual({ allowed: true });
    expect(await limiter.take('now')).toEqual({ allowed: true });
    expect(await limiter.take('now')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    const [bucket]: Array<{ age: number }> = await db.query(`SELECT EXTRACT(EPOCH FROM now() - at)::float8 AS age FROM rate_limit_buckets`);
    expect(Math.abs(bucket.age)).toBeLessThan(5);
  });

  it('refills at the limit per window', async () => {
    const limiter = new RateLimiter(db, 'login-email', 10, 15 * 60_000);
    for (let i = 0; i < 10; i++) await limiter.take('a@b.c', at(0));
    expect(await limiter.take('a@b.c', at(0))).toEqual({ allowed: false, retryAfterSeconds: 90 });
    expect(await limiter.take('a@b.c', at(89_000))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await limiter.take('a@b.c', at(90_000 + 89_000))).allowed).toBe(true);
    expect((await limiter.take('a@b.c', at(90_000 + 89_000))).allowed).toBe(false);
    expect(await limiter.take('a@b.c', at(15 * 60_000 * 2))).toEqual({ allowed: true });
  });

  it('never refills backwards when an earlier attempt arrives after a later one', async () => {
    const limiter = new RateLimiter(db, 'inbound', 1, 10_000);
    expect((await limiter.take('k', at(20_000))).allowed).toBe(true);
    expect((await limiter.take('k', at(0))).allowed).toBe(false);
    expect((await limiter.take('k', at(20_000))).allowed).toBe(false);
    expect((await limiter.take('k', at(30_000))).allowed).toBe(true);
  });

  it('keeps keys and scopes apart', async () => {
    const limiter = new RateLimiter(db, 'login-email', 1, 10_000);
    expect((await limiter.take('a', at(0))).allowed).toBe(true);
    expect((await limiter.take('a', at(0))).allowed).toBe(false);
    expect((await limiter.take('b', at(0))).allowed).toBe(true);
    expect((await new RateLimiter(db, 'login-ip', 1, 10_000).take('a', at(0))).allowed).toBe(true);
  });

  it('gives back a refunded token, never above the limit', async () => {
    const limiter = new RateLimiter(db, 'login-email', 2, 10_000);
    await limiter.take('a', at(0));
    await limiter.take('a', at(0));
    await limiter.refund('a');
    expect((await limiter.take('a', at(0))).allowed).toBe(true);
    expect((await limiter.take('a', at(0))).allowed).toBe(false);
    for (let i = 0; i < 5; i++) await limiter.refund('a');
    expect((await limiter.take('a', at(0))).allowed).toBe(true);
    expect((await limiter.take('a', at(0))).allowed).toBe(true);
    expect((await limiter.take('a', at(0))).allowed).toBe(false);
  });

  it('counts the attempts every API process sees against one bucket, even sent all at once', async () => {
    const here = new RateLimiter(db, 'login-ip', 10, 60_000);
    const there = new RateLimiter(replica, 'login-ip', 10, 60_000);
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? here : there).take('203.0.113.7', at(0))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(await here.take('203.0.113.7', at(0))).toEqual({ allowed: false, retryAfterSeconds: 6 });
    await there.refund('203.0.113.7');
    expect((await here.take('203.0.113.7', at(0))).allowed).toBe(true);
  });

  it('stores keys as digests, never as the email, address or conversation key', async () => {
    await new RateLimiter(db, 'login-email', 5, 60_000).take('someone@example.com', at(0));
    const rows: Array<{ key: string }> = await db.query(`SELECT key FROM rate_limit_buckets`);
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.query(`SELECT * FROM rate_limit_buckets`))).not.toContain('someone');
  });

  it('deletes only the buckets idle for a whole window, which are full again', async () => {
    const limiter = new RateLimiter(db, 'inbound', 3, 10_000);
    for (let i = 0; i < 3; i++) await limiter.take('idle', at(0));
    await limiter.take('busy', at(5_000));
    await new RateLimiter(db, 'login-email', 3, 10_000).take('other scope', at(0));
    expect(await limiter.sweep(at(10_001))).toBe(1);
    const left: Array<{ scope: string }> = await db.query(`SELECT scope FROM rate_limit_buckets ORDER BY scope`);
    expect(left.map((r) => r.scope)).toEqual(['inbound', 'login-email']);
    // the deleted bucket starts full, as it would have been
    for (let i = 0; i < 3; i++) expect((await limiter.take('idle', at(10_001))).allowed).toBe(true);
    expect((await limiter.take('idle', at(10_001))).allowed).toBe(false);
  });
});
