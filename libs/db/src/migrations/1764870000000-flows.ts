import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flows with their drafts, and their immutable published versions. */
export class Flows1764870000000 implements MigrationInterface {
  name = 'Flows1764870000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE flows (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        kind text NOT NULL CHECK (kind IN ('conversation', 'outreach')),
        description text,
        draft jsonb NOT NULL,
        draft_revision integer NOT NULL CHECK (draft_revision >= 1),
        draft_updated_by text NOT NULL,
        draft_updated_at timestamptz NOT NULL,
        current_version integer,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX flows_name_key ON flows (name)`);
    await db.query(`
      CREATE TABLE flow_versions (
        flow_id uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        author text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        rollback_of integer,
        PRIMARY KEY (flow_id, version),
        FOREIGN KEY (flow_id, rollback_of) REFERENCES flow_versions (flow_id, version)
      )`);
    await db.query(`CREATE INDEX flow_versions_hash_idx ON flow_versions (flow_id, content_hash)`);
    // The current version must exist; deferred so a publish can insert the version and point at it in one transaction.
    await db.query(`
      ALTER TABLE flows ADD CONSTRAINT flows_current_version_fkey
        FOREIGN KEY (id, current_version) REFERENCES flow_versions (flow_id, version) DEFERRABLE INITIALLY DEFERRED`);
    // Published versions are immutable: refuse any UPDATE of a version row.
    await db.query(`
      CREATE FUNCTION flow_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'flow versions are immutable (flow %, version %)', OLD.flow_id, OLD.version;
      END $$`);
    await db.query(`
      CREATE TRIGGER flow_versions_no_update BEFORE UPDATE ON flow_versions
        FOR EACH ROW EXECUTE FUNCTION flow_versions_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE flows DROP CONSTRAINT flows_current_version_fkey`);
    await db.query(`DROP TABLE flow_versions`);
    await db.query(`DROP FUNCTION flow_versions_immutable()`);
    await db.query(`DROP TABLE flows`);
  }
}
