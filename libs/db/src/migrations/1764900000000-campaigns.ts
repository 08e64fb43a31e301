import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recurring outreach campaigns (their schedules live in Temporal) and each run's progress. */
export class Campaigns1764900000000 implements MigrationInterface {
  name = 'Campaigns1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaigns (
        name text PRIMARY KEY,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE campaign_runs (
        id text PRIMARY KEY,
        campaign text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        audience integer NOT NULL DEFAULT 0,
        started integer NOT NULL DEFAULT 0,
        skipped jsonb NOT NULL DEFAULT '{}',
        failed integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX campaign_runs_campaign ON campaign_runs (campaign, started_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_runs`);
    await db.query(`DROP TABLE campaigns`);
  }
}
