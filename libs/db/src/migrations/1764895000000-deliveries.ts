import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound delivery of messages on channels other than web chat, attempt by attempt; customers' email addresses. */
export class Deliveries1764895000000 implements MigrationInterface {
  name = 'Deliveries1764895000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer_contacts ADD COLUMN email text`);
    await db.query(`
      CREATE TABLE delivery_attempts (
        message_id uuid NOT NULL,
        attempt integer NOT NULL,
        conversation_id uuid NOT NULL,
        channel text NOT NULL,
        transport text NOT NULL,
        status text NOT NULL CHECK (status IN ('sent', 'delivered', 'failed')),
        detail text,
        at timestamptz NOT NULL,
        PRIMARY KEY (message_id, attempt)
      )`);
    await db.query(`CREATE INDEX delivery_attempts_conversation ON delivery_attempts (conversation_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE delivery_attempts`);
    await db.query(`ALTER TABLE customer_contacts DROP COLUMN email`);
  }
}
