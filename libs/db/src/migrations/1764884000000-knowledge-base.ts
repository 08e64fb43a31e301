import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge articles with a generated full-text vector (title weighted A, body B) under a GIN index,
 * and the record of which knowledge bases were seeded from the shipped files.
 */
export class KnowledgeBase1764884000000 implements MigrationInterface {
  name = 'KnowledgeBase1764884000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE knowledge_articles (
        id uuid PRIMARY KEY,
        knowledge_base text NOT NULL CHECK (knowledge_base ~ '^[A-Za-z0-9._:@+-]{1,128}$'),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 20000),
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        search_vector tsvector NOT NULL GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
        ) STORED
      )`);
    await db.query(`CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING gin (search_vector)`);
    await db.query(`CREATE INDEX knowledge_articles_base_idx ON knowledge_articles (knowledge_base, created_at)`);
    await db.query(`
      CREATE TABLE knowledge_base_seeds (
        knowledge_base text PRIMARY KEY,
        source text NOT NULL,
        article_count integer NOT NULL,
        seeded_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE knowledge_base_seeds`);
    await db.query(`DROP TABLE knowledge_articles`);
  }
}
