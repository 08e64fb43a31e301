import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The operating point each intent model version's out-of-scope threshold was chosen for. */
export class NluModelOperatingPoint1764940000000 implements MigrationInterface {
  name = 'NluModelOperatingPoint1764940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models ADD COLUMN max_in_scope_accuracy_drop double precision`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE nlu_models DROP COLUMN max_in_scope_accuracy_drop`);
  }
}
