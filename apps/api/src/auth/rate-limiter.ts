/** What a limiter answers: allowed, or how many whole seconds until the next attempt can be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a conversation, an email address, a client address): each holds up to
 * `limit` tokens and refills continuously at `limit` per `windowMs`, so bursts up to the limit pass
 * and a steady sender gets `limit` per window. At most `maxKeys` buckets are kept: the least
 * recently used go first, and a bucket that evicted is simply full again, which only ever errs
 * towards letting a request through. State lives in this process: with several API replicas each
 * enforces its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: number,
    windowMs: number,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = limit / windowMs;
  }

  /** Takes a token for the key when one is left. */
  take(key: string, now = Date.now()): RateDecision {
    const bucket = this.refill(key, now);
    if (bucket.tokens < 1) return { allowed: false, retryAfterSeconds: this.wait(bucket) };
    bucket.tokens -= 1;
    return { allowed: true };
  }

  /**
   * Gives back a token taken for an attempt that turned out not to count (a sign-in that
   * succeeded). Taking first and refunding after closes the race in which many attempts sent at
   * once all pass a check made before any of them failed.
   */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.limit, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, now: number): Bucket {
    const found = this.buckets.get(key);
    const bucket = found ? { tokens: Math.min(this.limit, found.tokens + (now - found.at) * this.perMs), at: now } : { tokens: this.limit, at: now };
    // Re-inserting moves the key to the end: the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  private wait(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}
