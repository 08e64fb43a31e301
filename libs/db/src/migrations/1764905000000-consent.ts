import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consent per channel and topic (`sms`, `payment`, `sms:payment` -> true or false). */
export class Consent1764905000000 implements MigrationInterface {
  name = 'Consent1764905000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer_contacts ADD COLUMN consent jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer_contacts DROP COLUMN consent`);
  }
}
