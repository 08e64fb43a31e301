import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { randomUUID } from 'node:crypto';
import {
  type CreateKnowledgeArticle,
  ErrorCode,
  type KnowledgeAnswer,
  type KnowledgeAnswerQuery,
  type KnowledgeArticleList,
  type KnowledgeArticleSummary,
  type KnowledgeArticleView,
  type KnowledgeBaseSummary,
  type KnowledgeSearchQuery,
  type KnowledgeSearchResult,
  type ListKnowledgeArticlesQuery,
  type UpdateKnowledgeArticle,
} from '@baton/contracts';
import { answerFromKnowledge, KnowledgeArticleEntity, searchKnowledge } from '@baton/db';
import { ApiError } from '../common/api-error';

const summaryView = (article: KnowledgeArticleEntity): KnowledgeArticleSummary => ({
  id: article.id,
  knowledgeBase: article.knowledgeBase,
  title: article.title,
  tags: article.tags,
  createdAt: article.createdAt.toISOString(),
  updatedAt: article.updatedAt.toISOString(),
});

const articleView = (article: KnowledgeArticleEntity): KnowledgeArticleView => ({ ...summaryView(article), body: article.body });

const articleNotFound = (knowledgeBase: string, id: string) =>
  new ApiError(404, ErrorCode.KnowledgeArticleNotFound, `no article ${id} in knowledge base ${knowledgeBase}`);

/** Knowledge bases and their articles. A knowledge base exists while it has articles; adding one creates it. */
@Injectable()
export class KnowledgeService {
  constructor(private readonly db: DataSource) {}

  async listBases(): Promise<KnowledgeBaseSummary[]> {
    const rows: { name: string; articleCount: number; updatedAt: Date }[] = await this.db
      .getRepository(KnowledgeArticleEntity)
      .createQueryBuilder('a')
      .select('a.knowledgeBase', 'name')
      .addSelect('count(*)::int', 'articleCount')
      .addSelect('max(a.updatedAt)', 'updatedAt')
      .groupBy('a.knowledgeBase')
      .orderBy('a.knowledgeBase')
      .getRawMany();
    return rows.map((row) => ({ name: row.name, articleCount: row.articleCount, updatedAt: new Date(row.updatedAt).toISOString() }));
  }

  async listArticles(knowledgeBase: string, { limit, offset }: ListKnowledgeArticlesQuery): Promise<KnowledgeArticleList> {
    const [articles, total] = await this.db.getRepository(KnowledgeArticleEntity).findAndCount({
      where: { knowledgeBase },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    if (total === 0) await this.requireBase(knowledgeBase);
    return { knowledgeBase, total, articles: articles.map(summaryView) };
  }

  async get(knowledgeBase: string, id: string): Promise<KnowledgeArticleView> {
    const article = await this.db.getRepository(KnowledgeArticleEntity).findOneBy({ knowledgeBase, id });
    if (!article) throw articleNotFound(knowledgeBase, id);
    return articleView(article);
  }

  async create(knowledgeBase: string, { title, body, tags }: CreateKnowledgeArticle): Promise<KnowledgeArticleView> {
    const now = new Date();
    const article: KnowledgeArticleEntity = { id: randomUUID(), knowledgeBase, title, body, tags, createdAt: now, updatedAt: now };
    await this.db.getRepository(KnowledgeArticleEntity).insert(article as QueryDeepPartialEntity<KnowledgeArticleEntity>);
    return articleView(article);
  }

  async update(knowledgeBase: string, id: string, { title, body, tags }: UpdateKnowledgeArticle): Promise<KnowledgeArticleView> {
    const result = await this.db.getRepository(KnowledgeArticleEntity).update({ knowledgeBase, id }, { title, body, tags, updatedAt: new Date() });
    if (!result.affected) throw articleNotFound(knowledgeBase, id);
    return this.get(knowledgeBase, id);
  }

  async remove(knowledgeBase: string, id: string): Promise<void> {
    const result = await this.db.getRepository(KnowledgeArticleEntity).delete({ knowledgeBase, id });
    if (!result.affected) throw articleNotFound(knowledgeBase, id);
  }

  async search(knowledgeBase: string, { q, limit }: KnowledgeSearchQuery): Promise<KnowledgeSearchResult> {
    await this.requireBase(knowledgeBase);
    return { knowledgeBase, query: q, hits: await searchKnowledge(this.db, { knowledgeBase, q, limit }) };
  }

  async answer(knowledgeBase: string, { q, intent }: KnowledgeAnswerQuery): Promise<KnowledgeAnswer> {
    await this.requireBase(knowledgeBase);
    return answerFromKnowledge(this.db, { knowledgeBase, text: q, intent });
  }

  private async requireBase(knowledgeBase: string): Promise<void> {
    if (!(await this.db.getRepository(KnowledgeArticleEntity).existsBy({ knowledgeBase }))) {
      throw new ApiError(404, ErrorCode.KnowledgeBaseNotFound, `no knowledge base named ${knowledgeBase} (a knowledge base exists while it has articles)`);
    }
  }
}
