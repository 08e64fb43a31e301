import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { randomUUID } from 'node:crypto';
import { KnowledgeArticleEntity, KnowledgeBaseSeedEntity } from '@baton/db';
import { API_CONFIG, type ApiConfig } from '../config';
import { type KnowledgeFile, readKnowledgeFolder } from './knowledge-files';

export type SeedOutcome = 'seeded' | 'kept' | 'already-seeded';

/**
 * Loads the shipped knowledge bases (KNOWLEDGE_DIR) at start. A knowledge base is seeded once, and only
 * when it has no articles: its name then goes into knowledge_base_seeds, so articles that users edit or
 * delete are never brought back or overwritten by a later start, and replicas starting together seed it
 * once (the second waits on the first's row and finds it there).
 */
@Injectable()
export class KnowledgeSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('KnowledgeSeeder');

  constructor(
    private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const files = await readKnowledgeFolder(this.config.KNOWLEDGE_DIR);
    if (!files) {
      this.logger.warn(`No knowledge folder at ${this.config.KNOWLEDGE_DIR}; no knowledge base seeded`);
      return;
    }
    for (const file of files) {
      const outcome = await this.seed(file);
      if (outcome === 'seeded') this.logger.log(`Seeded knowledge base ${file.knowledgeBase} with ${file.articles.length} articles from ${file.source}`);
      if (outcome === 'kept') this.logger.log(`Knowledge base ${file.knowledgeBase} already has articles; ${file.source} not loaded`);
    }
  }

  async seed({ knowledgeBase, source, articles }: KnowledgeFile): Promise<SeedOutcome> {
    return this.db.transaction(async (em) => {
      const now = new Date();
      const claimed = await em
        .createQueryBuilder()
        .insert()
        .into(KnowledgeBaseSeedEntity)
        .values({ knowledgeBase, source, articleCount: articles.length, seededAt: now })
        .orIgnore()
        .returning(['knowledgeBase'])
        .execute();
      if (claimed.raw.length === 0) return 'already-seeded';
      if (await em.existsBy(KnowledgeArticleEntity, { knowledgeBase })) {
        await em.update(KnowledgeBaseSeedEntity, { knowledgeBase }, { articleCount: 0 });
        return 'kept';
      }
      const rows: KnowledgeArticleEntity[] = articles.map((article, index) => ({
        id: randomUUID(),
        knowledgeBase,
        ...article,
        // Distinct creation times keep the file's order in lists.
        createdAt: new Date(now.getTime() + index),
        updatedAt: now,
      }));
      await em.insert(KnowledgeArticleEntity, rows as QueryDeepPartialEntity<KnowledgeArticleEntity>[]);
      return 'seeded';
    });
  }
}
