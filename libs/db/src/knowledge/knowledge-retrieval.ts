import type { DataSource, EntityManager } from 'typeorm';
import type { KnowledgeSearchHit } from '@baton/contracts';

/**
 * Full-text retrieval over knowledge_articles, shared by the API's search and the worker's answers.
 * Every query takes the user's text as a bound parameter and turns it into a tsquery with
 * websearch_to_tsquery or plainto_tsquery, so no input can inject SQL or tsquery syntax. The same
 * text-search configuration (`english`) built the stored vectors in the migration.
 */
type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Paragraphs are separated by a blank line; passed as parameters so no escaping is involved. */
const PARAGRAPH_BREAK = '\\n\\s*\\n';
const NOT_BLANK = '\\S';

/**
 * The OR of a text's meaningful words: plainto_tsquery joins them with AND; its text form quotes every
 * lexeme (and lexemes never hold spaces), so swapping ' & ' for ' | ' keeps each lexeme intact.
 */
const anyWordOf = (parameter: string) => `replace(plainto_tsquery('english', ${parameter})::text, ' & ', ' | ')::tsquery`;

/** Ranked articles of one knowledge base for a search box query (web-search syntax, AND by default). */
export async function searchKnowledge(
  db: Queryable,
  { knowledgeBase, q, limit }: { knowledgeBase: string; q: string; limit: number },
): Promise<KnowledgeSearchHit[]> {
  const rows: { id: string; title: string; tags: string[]; score: number; passage: string; highlight: string }[] = await db.query(
    `WITH query AS (SELECT websearch_to_tsquery('english', $2) AS q, ${anyWordOf('$2')} AS any_word),
     hits AS (
       SELECT a.id, a.title, a.tags, a.body, a.created_at, ts_rank_cd(a.search_vector, query.q, 32) AS score
       FROM knowledge_articles a, query
       WHERE a.knowledge_base = $1 AND a.search_vector @@ query.q
       ORDER BY score DESC, a.created_at, a.id
       LIMIT $3
     )
     SELECT hits.id, hits.title, hits.tags, hits.score, passage.text AS passage,
            ts_headline('english', replace(replace(replace(passage.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), query.q,
                        'HighlightAll=true, StartSel=<mark>, StopSel=</mark>') AS highlight
     FROM hits
     CROSS JOIN query
     CROSS JOIN LATERAL (
       SELECT p.text
       FROM regexp_split_to_table(hits.body, $4) WITH ORDINALITY AS p (text, n)
       WHERE p.text ~ $5
       ORDER BY ts_rank_cd(to_tsvector('english', p.text), query.q) DESC, ts_rank_cd(to_tsvector('english', p.text), query.any_word) DESC, p.n
       LIMIT 1
     ) passage
     ORDER BY hits.score DESC, hits.created_at, hits.id`,
    [knowledgeBase, q, limit, PARAGRAPH_BREAK, NOT_BLANK],
  );
  return rows.map((row) => ({
    articleId: row.id,
    title: row.title,
    tags: row.tags,
    score: Math.round(row.score * 10_000) / 10_000,
    passage: row.passage.trim(),
    highlight: row.highlight.trim(),
  }));
}

/** An article that matched at least one word, with its rank and which of the message's words it holds. */
export interface KnowledgeCandidate {
  id: string;
  /** ts_rank_cd of the article against the OR of the message's words (title weighs more than body). */
  rank: number;
  /** The message's lexemes that occur in the article's title or body. */
  matched: string[];
}

export interface KnowledgeCandidates {
  /** The message's meaningful words as lexemes (stemmed, stop words removed), sorted. */
  terms: string[];
  /** Articles in the knowledge base. */
  total: number;
  /** For each of the message's lexemes, how many articles of the knowledge base hold it. */
  documentFrequency: Record<string, number>;
  /** The best-ranked articles, best first; of equally ranked ones, those holding a word of `tieBreaker` first. */
  top: KnowledgeCandidate[];
}

/**
 * The statistics an answer's confidence is computed from: articles ranked against the OR of the words of
 * `text` (the customer's message), and how often each of those words occurs in the knowledge base.
 */
export async function knowledgeCandidates(
  db: Queryable,
  { knowledgeBase, text, tieBreaker, limit }: { knowledgeBase: string; text: string; tieBreaker: string; limit: number },
): Promise<KnowledgeCandidates> {
  // Each lexeme becomes a one-word query through plainto_tsquery('simple', ...), which leaves a lexeme
  // as it is; document frequencies are counted per word (index lookups), and which words an article
  // holds is worked out for the best few only, so the cost stays that of ranking the matches.
  const [row]: { terms: string[]; total: number; df: Record<string, number>; top: KnowledgeCandidate[] }[] = await db.query(
    `WITH terms AS (
       SELECT lexeme, plainto_tsquery('simple', lexeme) AS q FROM unnest(to_tsvector('english', $2))
     ),
     query AS (SELECT ${anyWordOf('$2')} AS q, ${anyWordOf('$3')} AS tie),
     best AS (
       SELECT a.id, a.created_at, a.search_vector, ts_rank_cd(a.search_vector, query.q) AS rank,
              numnode(query.tie) > 0 AND a.search_vector @@ query.tie AS tie
       FROM knowledge_articles a, query
       WHERE a.knowledge_base = $1 AND a.search_vector @@ query.q
       ORDER BY rank DESC, tie DESC, a.created_at, a.id
       LIMIT $4
     )
     SELECT (SELECT coalesce(array_agg(lexeme ORDER BY lexeme), '{}') FROM terms) AS terms,
            (SELECT count(*)::int FROM knowledge_articles WHERE knowledge_base = $1) AS total,
            (SELECT coalesce(json_object_agg(t.lexeme, (SELECT count(*) FROM knowledge_articles a WHERE a.knowledge_base = $1 AND a.search_vector @@ t.q)), '{}'::json)
               FROM terms t) AS df,
            (SELECT coalesce(json_agg(json_build_object('id', b.id, 'rank', b.rank,
                                                        'matched', ARRAY(SELECT t.lexeme FROM terms t WHERE b.search_vector @@ t.q ORDER BY t.lexeme))
                                      ORDER BY b.rank DESC, b.tie DESC, b.created_at, b.id), '[]'::json)
               FROM best b) AS top`,
    [knowledgeBase, text, tieBreaker, limit],
  );
  return { terms: row.terms, total: row.total, documentFrequency: row.df, top: row.top };
}

export interface KnowledgePassage {
  id: string;
  title: string;
  body: string;
  /** The paragraph of the body that ranks best against the OR of the text's words. */
  paragraph: string;
}

/** One article with its paragraph most relevant to `text`; null when the article is gone. */
export async function knowledgePassage(db: Queryable, { articleId, text }: { articleId: string; text: string }): Promise<KnowledgePassage | null> {
  const rows: KnowledgePassage[] = await db.query(
    `SELECT a.id, a.title, a.body, passage.text AS paragraph
     FROM knowledge_articles a
     CROSS JOIN LATERAL (
       SELECT p.text
       FROM regexp_split_to_table(a.body, $3) WITH ORDINALITY AS p (text, n)
       WHERE p.text ~ $4
       ORDER BY ts_rank_cd(to_tsvector('english', p.text), ${anyWordOf('$2')}) DESC, p.n
       LIMIT 1
     ) passage
     WHERE a.id = $1`,
    [articleId, text, PARAGRAPH_BREAK, NOT_BLANK],
  );
  return rows[0] ? { ...rows[0], paragraph: rows[0].paragraph.trim() } : null;
}
