import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether each intent model version was trained with the sentence encoder (and so refines unsure messages with it). */
export class NluModelEncoder1764930000000 implements MigrationInterface {
  name = 'NluModelEncoder1764930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models ADD COLUMN encoder boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models DROP COLUMN encoder`);
  }
}
