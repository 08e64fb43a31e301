import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** What a limiter answers: allowed, or how many whole seconds until the next attempt can be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How often a limiter deletes the buckets that have been idle for a whole window. */
const SWEEP_EVERY_MS = 60_000;

/** The attempt's time: the one given, else the database's clock. */
const NOW = `COALESCE($5::timestamptz, statement_timestamp())`;

/**
 * A bucket's tokens (`prefix`: the table's alias, or none) refilled from its last use until `now`:
 * never above the limit, never refilled backwards when replicas' requests arrive out of order.
 */
const refilled = (prefix: string, now: string) =>
  `LEAST($3::float8, ${prefix}tokens + GREATEST(0, EXTRACT(EPOCH FROM (${now} - ${prefix}at))::float8) * $4::float8)`;

/**
 * Takes a token in one statement: a new bucket starts full; an empty one is left as it is, and the
 * statement answers its level instead (read from the snapshot before it, which only sets Retry-After).
 */
const TAKE = `
  WITH taken AS (
    INSERT INTO rate_limit_buckets AS b (scope, key, tokens, at)
    VALUES ($1, $2, $3::float8 - 1, ${NOW})
    ON CONFLICT (scope, key) DO UPDATE SET tokens = ${refilled('b.', 'EXCLUDED.at')} - 1, at = GREATEST(b.at, EXCLUDED.at)
    WHERE ${refilled('b.', 'EXCLUDED.at')} >= 1
    RETURNING tokens
  )
  SELECT true AS allowed, tokens FROM taken
  UNION ALL
  SELECT false, ${refilled('', NOW)}
  FROM rate_limit_buckets WHERE scope = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM taken)`;

/**
 * Token buckets per key (a conversation, an email address, a client address): each holds up to
 * `limit` tokens and refills continuously at `limit` per `windowMs`, so bursts up to the limit pass
 * and a steady sender gets `limit` per window. The buckets are rows of `rate_limit_buckets` in
 * PostgreSQL, taken from in one statement, so every API process draws on the same bucket and a
 * burst spread over replicas gets no more than the limit; the database's clock is the one clock.
 * Keys are stored as SHA-256 digests (pseudonymised: not readable at a glance, though a guessed key
 * can be checked). A bucket idle for a whole window is full again, so it is deleted (at most once a
 * minute per limiter).
 */
export class RateLimiter {
  private readonly perSecond: number;
  private sweptAt = 0;
  private readonly logger = new Logger('RateLimiter');

  constructor(
    private readonly db: DataSource,
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.perSecond = (limit * 1000) / windowMs;
  }

  /** Takes a token for the key when one is left (`at`: the attempt's time, the database's clock when absent). */
  async take(key: string, at?: Date): Promise<RateDecision> {
    this.sweepNowAndThen();
    const [answer]: Array<{ allowed: boolean; tokens: number }> = await this.db.query(TAKE, [this.scope, digest(key), this.limit, this.perSecond, at ?? null]);
    if (answer?.allowed) return { allowed: true };
    // no answer at all: a concurrent request made the bucket after this statement's snapshot; one token's wait is a fair guess
    const tokens = answer ? Number(answer.tokens) : 0;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
  }

  /**
   * Gives back a token taken for an attempt that turned out not to count (a sign-in that
   * succeeded). Taking first and refunding after closes the race in which many attempts sent at
   * once all pass a check made before any of them failed.
   */
  async refund(key: string): Promise<void> {
    await this.db.query(`UPDATE rate_limit_buckets SET tokens = LEAST($3::float8, tokens + 1) WHERE scope = $1 AND key = $2`, [
      this.scope,
      digest(key),
      this.limit,
    ]);
  }

  /** Deletes this limiter's buckets idle for a whole window (full again); answers how many. */
  async sweep(at?: Date): Promise<number> {
    const [, deleted]: [unknown, number] = await this.db.query(
      `DELETE FROM rate_limit_buckets WHERE scope = $1 AND at < COALESCE($3::timestamptz, statement_timestamp()) - $2::float8 * interval '1 millisecond'`,
      [this.scope, this.windowMs, at ?? null],
    );
    return deleted;
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = Date.now();
    this.sweep().catch((error: Error) => this.logger.warn(`Idle ${this.scope} rate-limit buckets not deleted: ${error.message}`));
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');
