import type { DataSource } from 'typeorm';
import { freshDatabase, KnowledgeArticleEntity } from '@baton/db';
import type { ApiConfig } from '../config';
import type { KnowledgeFile } from './knowledge-files';
import { KnowledgeSeeder } from './knowledge-seeder';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const database = freshDatabase('knowledge_seed');
let db: DataSource;

const seederOn = (dataSource: DataSource, dir = '/nonexistent') => new KnowledgeSeeder(dataSource, { KNOWLEDGE_DIR: dir } as ApiConfig);

const file = (knowledgeBase: string, titles: string[]): KnowledgeFile => ({
  knowledgeBase,
  source: `${knowledgeBase}.md`,
  articles: titles.map((title) => ({ title, body: `${title} explained.`, tags: ['seeded'] })),
});

const titlesOf = async (knowledgeBase: string) =>
  (await db.getRepository(KnowledgeArticleEntity).find({ where: { knowledgeBase }, order: { createdAt: 'ASC' } })).map((article) => article.title);

beforeAll(async () => {
  db = await database.open();
}, 30_000);

afterAll(() => database.close());

describe('KnowledgeSeeder', () => {
  it('seeds an empty knowledge base in file order, once', async () => {
    const seeder = seederOn(db);
    expect(await seeder.seed(file('once', ['First', 'Second', 'Third']))).toBe('seeded');
    expect(await seeder.seed(file('once', ['First', 'Second', 'Third']))).toBe('already-seeded');
    expect(await titlesOf('once')).toEqual(['First', 'Second', 'Third']);
  });

  it('never overwrites edits nor brings back deleted articles', async () => {
    const seeder = seederOn(db);
    await seeder.seed(file('edited', ['Kept', 'Removed']));
    await db.query(`UPDATE knowledge_articles SET body = 'Edited by a user.' WHERE knowledge_base = 'edited' AND title = 'Kept'`);
    await db.query(`DELETE FROM knowledge_articles WHERE knowledge_base = 'edited' AND title = 'Removed'`);
    expect(await seeder.seed(file('edited', ['Kept', 'Removed']))).toBe('already-seeded');
    const articles = await db.getRepository(KnowledgeArticleEntity).findBy({ knowledgeBase: 'edited' });
    expect(articles.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Kept', body: 'Edited by a user.' }]);

    await db.query(`DELETE FROM knowledge_articles WHERE knowledge_base = 'edited'`);
    expect(await seeder.seed(file('edited', ['Kept', 'Removed']))).toBe('already-seeded');
    expect(await titlesOf('edited')).toEqual([]);
  });

  it('leaves a knowledge base that users filled before any seeding alone', async () => {
    await db.query(
      `INSERT INTO knowledge_articles (id, knowledge_base, title, body, tags, created_at, updated_at)
       VALUES (gen_random_uuid(), 'own', 'Written by us', 'Our text.', '{}', now(), now())`,
    );
    expect(await seederOn(db).seed(file('own', ['Shipped']))).toBe('kept');
    expect(await titlesOf('own')).toEqual(['Written by us']);
  });

  it('seeds once when two API replicas start together', async () => {
    const other = await database.another();
    try {
      const outcomes = await Promise.all([seederOn(db).seed(file('raced', ['A', 'B'])), seederOn(other).seed(file('raced', ['A', 'B']))]);
      expect(outcomes.sort()).toEqual(['already-seeded', 'seeded']);
      expect(await titlesOf('raced')).toEqual(['A', 'B']);
    } finally {
      await other.destroy();
    }
  });

  it('seeds every shipped knowledge base at start, and does nothing without a folder', async () => {
    await seederOn(db).onApplicationBootstrap();
    expect(await titlesOf('faq')).toEqual([]);
    await seederOn(db, `${__dirname}/../../../../knowledge`).onApplicationBootstrap();
    expect((await titlesOf('billing')).length).toBeGreaterThanOrEqual(8);
    expect((await titlesOf('faq')).length).toBeGreaterThanOrEqual(6);
  });
});
