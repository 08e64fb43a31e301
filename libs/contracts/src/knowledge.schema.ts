import { z } from 'zod';
import { externalId } from './text';

export const MAX_ARTICLE_TITLE_CHARS = 200;
export const MAX_ARTICLE_BODY_CHARS = 20_000;
export const MAX_ARTICLE_TAGS = 20;
export const MAX_SEARCH_QUERY_CHARS = 500;

/** A knowledge base's name: an external id, as the flow's ai_reply node names it. */
export const knowledgeBaseName = externalId;

// PostgreSQL text cannot hold NUL, and no reader wants other control characters: tabs and line
// breaks are allowed in a body, none in a title or tag.
const CONTROL = /[^\P{Cc}\t\n\r]/u;
const LINE_CONTROL = /\p{Cc}/u;

const title = z
  .string()
  .trim()
  .min(1, 'title must not be empty')
  .max(MAX_ARTICLE_TITLE_CHARS, `title must be at most ${MAX_ARTICLE_TITLE_CHARS} characters`)
  .refine((text) => !LINE_CONTROL.test(text), 'title must be one line without control characters');

const body = z
  .string()
  .trim()
  .min(1, 'body must not be empty')
  .max(MAX_ARTICLE_BODY_CHARS, `body must be at most ${MAX_ARTICLE_BODY_CHARS} characters`)
  .refine((text) => !CONTROL.test(text), 'body must not contain control characters other than tabs and line breaks');

const tag = z
  .string()
  .trim()
  .min(1, 'a tag must not be empty')
  .max(40, 'a tag must be at most 40 characters')
  .refine((text) => !LINE_CONTROL.test(text), 'a tag must not contain control characters');

const tags = z
  .array(tag)
  .max(MAX_ARTICLE_TAGS, `tags must hold at most ${MAX_ARTICLE_TAGS} tags`)
  .transform((list) => [...new Set(list)]);

/** POST /knowledge-bases/:kb/articles. */
export const createKnowledgeArticleSchema = z.strictObject({
  title,
  body,
  tags: tags.default([]),
});
export type CreateKnowledgeArticle = z.infer<typeof createKnowledgeArticleSchema>;

/** PUT /knowledge-bases/:kb/articles/:id replaces the article: tags left out become none. */
export const updateKnowledgeArticleSchema = createKnowledgeArticleSchema;
export type UpdateKnowledgeArticle = z.infer<typeof updateKnowledgeArticleSchema>;

/** A whole number given as a query parameter. */
const count = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const listKnowledgeArticlesQuerySchema = z.strictObject({
  limit: count(1, 500).default(100),
  offset: count(0, 1_000_000).default(0),
});
export type ListKnowledgeArticlesQuery = z.infer<typeof listKnowledgeArticlesQuerySchema>;

const searchText = z
  .string()
  .trim()
  .min(1, 'q must not be empty')
  .max(MAX_SEARCH_QUERY_CHARS, `q must be at most ${MAX_SEARCH_QUERY_CHARS} characters`)
  .refine((text) => !CONTROL.test(text), 'q must not contain control characters');

/** GET /knowledge-bases/:kb/search: web-search syntax ("quoted phrases", or, -excluded), never raw tsquery. */
export const knowledgeSearchQuerySchema = z.strictObject({
  q: searchText,
  limit: count(1, 20).default(5),
});
export type KnowledgeSearchQuery = z.infer<typeof knowledgeSearchQuerySchema>;

/** GET /knowledge-bases/:kb/answer: what the ai_reply node would answer to a customer's message. */
export const knowledgeAnswerQuerySchema = z.strictObject({
  q: searchText,
  /** The message's classified intent, as the flow passes it. */
  intent: externalId.optional(),
});
export type KnowledgeAnswerQuery = z.infer<typeof knowledgeAnswerQuerySchema>;

export interface KnowledgeBaseSummary {
  name: string;
  articleCount: number;
  /** When an article was last created or changed. */
  updatedAt: string;
}

export interface KnowledgeArticleSummary {
  id: string;
  knowledgeBase: string;
  title: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeArticleView extends KnowledgeArticleSummary {
  body: string;
}

export interface KnowledgeArticleList {
  knowledgeBase: string;
  total: number;
  articles: KnowledgeArticleSummary[];
}

/** One ranked article and the paragraph of it that matched best. */
export interface KnowledgeSearchHit {
  articleId: string;
  title: string;
  tags: string[];
  /** ts_rank_cd normalised to [0, 1) (rank / (rank + 1)); higher is better, comparable within one query. */
  score: number;
  /** The article's most relevant paragraph, as stored. */
  passage: string;
  /** The passage as HTML-escaped text with the matched words in <mark></mark>. */
  highlight: string;
}

export interface KnowledgeSearchResult {
  knowledgeBase: string;
  query: string;
  hits: KnowledgeSearchHit[];
}

/** What the ai_reply node gets from a knowledge base: an answer, or null text when there is none. */
export interface KnowledgeAnswer {
  text: string | null;
  /** 0..1: how much of the message the best article covers, discounted when a runner-up ranks close to it. */
  confidence: number;
  articleId: string | null;
  title: string | null;
}
