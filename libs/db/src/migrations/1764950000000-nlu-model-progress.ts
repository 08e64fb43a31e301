import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How far a version that is training has come, where every API process can read it. */
export class NluModelProgress1764950000000 implements MigrationInterface {
  name = 'NluModelProgress1764950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models ADD COLUMN progress jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models DROP COLUMN progress`);
  }
}
