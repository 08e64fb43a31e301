import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which flow version each conversation runs, and the skills a task needs. */
export class FlowPinning1764875000000 implements MigrationInterface {
  name = 'FlowPinning1764875000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conversations ADD COLUMN flow_name text, ADD COLUMN flow_version integer`);
    await db.query(`ALTER TABLE tasks ADD COLUMN required_skills text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks DROP COLUMN required_skills`);
    await db.query(`ALTER TABLE conversations DROP COLUMN flow_name, DROP COLUMN flow_version`);
  }
}
