import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outreaches started by business events, and customers' contact preferences (opt-out, time zone). */
export class Outreach1764890000000 implements MigrationInterface {
  name = 'Outreach1764890000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outreaches (
        id uuid PRIMARY KEY,
        event_type text NOT NULL,
        idempotency_key text NOT NULL,
        customer_id text NOT NULL,
        payload jsonb NOT NULL,
        payload_hash text NOT NULL,
        channel text NOT NULL,
        conversation_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('started', 'skipped')),
        reason text,
        flow_name text,
        flow_version integer,
        conversation_id uuid,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX outreaches_idempotency_key ON outreaches (event_type, idempotency_key)`);
    await db.query(`CREATE INDEX outreaches_customer_recent ON outreaches (customer_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE customer_contacts (
        customer_id text PRIMARY KEY,
        time_zone text,
        opted_out_at timestamptz,
        opt_out_reason text,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_contacts`);
    await db.query(`DROP TABLE outreaches`);
  }
}
