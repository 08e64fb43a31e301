import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of conversations, their messages, human tasks and outcomes. */
export class InitialReadModels1764860000000 implements MigrationInterface {
  name = 'InitialReadModels1764860000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        channel text NOT NULL,
        conversation_key text NOT NULL,
        customer_id text NOT NULL,
        stage text NOT NULL,
        intent text,
        decisions jsonb NOT NULL DEFAULT '[]'::jsonb,
        last_event_seq integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX conversations_key_idx ON conversations (channel, conversation_key, created_at)`);
    await db.query(`CREATE INDEX conversations_customer_idx ON conversations (customer_id, created_at)`);
    await db.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        role text NOT NULL CHECK (role IN ('customer', 'ai', 'agent', 'system')),
        author text,
        text text NOT NULL,
        channel text NOT NULL,
        conversation_key text NOT NULL,
        idempotency_key text,
        signals jsonb,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq)`);
    // A key is stored once per conversation; the API looks keys up across the thread's conversations.
    await db.query(
      `CREATE UNIQUE INDEX messages_idempotency_key ON messages (conversation_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX messages_thread_idempotency_idx ON messages (channel, conversation_key, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        workflow_id text NOT NULL,
        queue text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
        priority_rank smallint NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled')),
        reason text NOT NULL,
        context jsonb NOT NULL,
        claimed_by text,
        disposition text,
        notes text,
        last_event_seq integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX tasks_status_priority_idx ON tasks (status, priority_rank, created_at)`);
    await db.query(`CREATE INDEX tasks_conversation_idx ON tasks (conversation_id)`);
    await db.query(`
      CREATE TABLE outcomes (
        conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
        resolution text NOT NULL CHECK (resolution IN ('ai_resolved', 'human_resolved', 'abandoned')),
        escalated boolean NOT NULL,
        disposition text,
        csat smallint CHECK (csat BETWEEN 1 AND 5),
        closed_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outcomes`);
    await db.query(`DROP TABLE tasks`);
    await db.query(`DROP TABLE messages`);
    await db.query(`DROP TABLE conversations`);
  }
}
