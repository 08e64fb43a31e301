import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and routing: users with sessions and API keys, the audit log, queues, agents (skills,
 * capacity, presence) and the tasks each agent holds, canned responses; and what the desk needs
 * to know about a task (offers, service levels, its history, a change number for live feeds).
 */
export class PeopleAndRouting1764920000000 implements MigrationInterface {
  name = 'PeopleAndRouting1764920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text,
        roles text[] NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        roles text[] NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        actor_name text,
        action text NOT NULL,
        target text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        ip text
      )`);
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await db.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)`);

    await db.query(`
      CREATE TABLE queues (
        name text PRIMARY KEY,
        title text NOT NULL,
        mode text NOT NULL DEFAULT 'pull' CHECK (mode IN ('pull', 'push')),
        required_skills text[] NOT NULL DEFAULT '{}',
        priority smallint NOT NULL DEFAULT 50,
        sla jsonb NOT NULL DEFAULT '{}'::jsonb,
        reservation_seconds integer NOT NULL DEFAULT 30,
        business_hours jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The queues the shipped flows escalate to; ops staff change them freely.
    await db.query(`
      INSERT INTO queues (name, title, required_skills, priority) VALUES
        ('support', 'Customer support', '{}', 50),
        ('care', 'Customer care (sensitive)', '{}', 80),
        ('compliance', 'Compliance (licensed staff)', '{licensed}', 70),
        ('retention', 'Retention', '{}', 60),
        ('callbacks', 'Call-backs', '{}', 30)`);
    await db.query(`
      CREATE TABLE agents (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        skills text[] NOT NULL DEFAULT '{}',
        queues text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 50),
        presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available', 'busy', 'away', 'offline')),
        presence_since timestamptz NOT NULL DEFAULT now(),
        idle_since timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE agent_assignments (
        task_id uuid PRIMARY KEY,
        agent_id uuid NOT NULL REFERENCES agents (user_id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('reserved', 'claimed')),
        since timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX agent_assignments_agent_idx ON agent_assignments (agent_id)`);
    await db.query(`
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        text text NOT NULL,
        queue text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`CREATE SEQUENCE task_changes`);
    await db.query(`
      ALTER TABLE tasks
        ADD COLUMN change_id bigint NOT NULL DEFAULT nextval('task_changes'),
        ADD COLUMN reserved_for uuid,
        ADD COLUMN reservation_expires_at timestamptz,
        ADD COLUMN sla jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN first_reply_at timestamptz,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN history jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await db.query(`CREATE INDEX tasks_change_idx ON tasks (change_id)`);
    await db.query(`CREATE INDEX tasks_claimed_by_idx ON tasks (claimed_by) WHERE status = 'claimed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tasks_claimed_by_idx`);
    await db.query(`DROP INDEX tasks_change_idx`);
    await db.query(`
      ALTER TABLE tasks DROP COLUMN history, DROP COLUMN resolved_at, DROP COLUMN first_reply_at, DROP COLUMN claimed_at,
        DROP COLUMN sla, DROP COLUMN reservation_expires_at, DROP COLUMN reserved_for, DROP COLUMN change_id`);
    await db.query(`DROP SEQUENCE task_changes`);
    for (const table of ['canned_responses', 'agent_assignments', 'agents', 'queues', 'audit_log', 'api_keys', 'sessions', 'users']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
