import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token buckets of the API's rate limits, shared by every API process. Unlogged: a bucket is worth
 * no disk flush, and one lost in a crash is simply full again, which errs towards letting a
 * request through. No index on `at`: every take moves it, and the table (one row per key active in
 * the last window) is small enough for the once-a-minute sweep to scan.
 */
export class RateLimits1764960000000 implements MigrationInterface {
  name = 'RateLimits1764960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_buckets (
        scope text NOT NULL,
        key text NOT NULL,
        tokens double precision NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_buckets`);
  }
}
