import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intent models: a training set per model name (examples per intent, and the version new
 * conversations use) and every trained version (immutable once ready, the model gzip-compressed).
 */
export class NluModels1764910000000 implements MigrationInterface {
  name = 'NluModels1764910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE nlu_training_sets (
        name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._:@+-]{1,128}$'),
        examples jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        current_version integer
      )`);
    await db.query(`
      CREATE TABLE nlu_models (
        name text NOT NULL REFERENCES nlu_training_sets (name) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
        author text NOT NULL,
        word_vectors boolean NOT NULL,
        training_summary jsonb,
        error text,
        model bytea,
        model_bytes integer,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        PRIMARY KEY (name, version),
        CHECK (status <> 'ready' OR (model IS NOT NULL AND training_summary IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE nlu_models`);
    await db.query(`DROP TABLE nlu_training_sets`);
  }
}
