import type { DataSource, EntityManager } from 'typeorm';
import type { KnowledgeAnswer } from '@baton/contracts';
import { type KnowledgeCandidates, knowledgeCandidates, knowledgePassage } from './knowledge-retrieval';

/**
 * How sure an answer is, from the retrieval statistics alone (no model, no network).
 *
 * - Meaningful words: the message's lexemes (stemmed, PostgreSQL's English stop words and a short list
 *   of conversational filler such as "hi", "please", "I need", "can you tell me" removed), minus words
 *   that more than half of the knowledge base's articles use (in a base of at least 4 articles): those
 *   say nothing about which article answers. No meaningful word left means no answer.
 * - coverage: the share of the meaningful words that the best article contains, each weighted by its
 *   inverse document frequency in the knowledge base, ln(1 + (N - df + 0.5) / (df + 0.5)) as Lucene's
 *   BM25 does. A word no article uses weighs the most: "what is the capital of France" asked of a
 *   billing knowledge base covers nothing and scores 0.
 * - margin: 1 - rank(runner-up) / rank(best), with ts_rank_cd ranks; 1 when only one article matches.
 *   Two articles that answer equally well make the choice between them a guess.
 *
 * confidence = coverage * (0.7 + 0.3 * margin). Against the ai_reply node's default floor of 0.6, the
 * best article must hold the words that carry most of the message's weight (coverage above 0.6 with a
 * clear winner, above 0.86 when the runner-up ties); a message half of whose weight is words the
 * knowledge base never uses always falls back. Long, chatty messages score lower than terse questions,
 * and synonyms the articles do not use ("update" for "change") count as missing: the floor is where a
 * flow trades answers for handoffs.
 */
export const TIE_FACTOR = 0.7;

export interface AnswerScore {
  confidence: number;
  coverage: number;
  margin: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** In a knowledge base of at least this many articles, a word used by more than half of them is not meaningful. */
const COMMON_WORD_MIN_ARTICLES = 4;

export function answerScore({ terms, total, documentFrequency, top }: KnowledgeCandidates): AnswerScore {
  const [best, runnerUp] = top;
  const df = (term: string) => documentFrequency[term] ?? 0;
  const meaningful = terms.filter((term) => total < COMMON_WORD_MIN_ARTICLES || df(term) <= total / 2);
  if (meaningful.length === 0 || !best || best.rank <= 0) return { confidence: 0, coverage: 0, margin: 0 };
  const weight = (term: string) => Math.log(1 + (total - df(term) + 0.5) / (df(term) + 0.5));
  const matched = new Set(best.matched);
  const all = meaningful.reduce((sum, term) => sum + weight(term), 0);
  const covered = meaningful.filter((term) => matched.has(term)).reduce((sum, term) => sum + weight(term), 0);
  const coverage = covered / all;
  const margin = runnerUp ? Math.max(0, 1 - runnerUp.rank / best.rank) : 1;
  return { confidence: round(coverage * (TIE_FACTOR + (1 - TIE_FACTOR) * margin)), coverage: round(coverage), margin: round(margin) };
}

/** Words of customer messages that ask, greet or hedge but say nothing about the topic. */
const FILLER_WORDS = [
  'hi', 'hello', 'hey', 'thanks', 'thank', 'thx', 'please', 'pls', 'kindly', 'sorry', 'ok', 'okay', 'yes', 'yeah',
  'dear', 'team', 'someone', 'anyone', 'somebody', 'anybody', 'something', 'anything',
  'want', 'wants', 'wanted', 'need', 'needs', 'needed', 'get', 'gets', 'got', 'getting', 'would', 'could', 'like',
  'know', 'tell', 'ask', 'asked', 'asking', 'help', 'wonder', 'wondering', 'wondered', 'question', 'questions',
  'just', 'also', 'still', 'really', 'actually', 'maybe', 'perhaps', 'keep', 'keeps', 'kept', 'keeping', 'try', 'tries', 'tried', 'trying',
];
const FILLER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${FILLER_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The message without its conversational filler words. */
export const withoutFiller = (text: string) => text.replace(FILLER, ' ');

/** Bodies up to this many characters are answered whole; longer ones by their most relevant paragraph. */
export const WHOLE_BODY_CHARS = 700;

export const answerText = ({ body, paragraph }: { body: string; paragraph: string }) => (body.length <= WHOLE_BODY_CHARS ? body : paragraph);

/** The intent label's words ("refund_status" -> "refund status"), or none for "none". */
const intentWords = (intent?: string) => (intent && intent !== 'none' ? intent.replace(/[^\p{L}\p{N}]+/gu, ' ') : '');

export interface KnowledgeQuestion {
  knowledgeBase: string;
  /** The customer's message. */
  text: string;
  /** The classified intent, if any: its words only break ties between equally ranked articles. */
  intent?: string;
}

/**
 * Answers a customer's message from a knowledge base: the best-ranked article (ts_rank_cd over the OR
 * of the message's meaningful words) and a confidence in [0, 1] (see answerScore). Text is null when no
 * article matches; an unknown knowledge base answers nothing rather than failing the conversation.
 */
export async function answerFromKnowledge(db: Pick<DataSource | EntityManager, 'query'>, { knowledgeBase, text, intent }: KnowledgeQuestion): Promise<KnowledgeAnswer> {
  const message = withoutFiller(text);
  const candidates = await knowledgeCandidates(db, { knowledgeBase, text: message, tieBreaker: intentWords(intent), limit: 2 });
  const { confidence } = answerScore(candidates);
  const best = candidates.top[0];
  const passage = best && confidence > 0 ? await knowledgePassage(db, { articleId: best.id, text: message }) : null;
  if (!passage) return { text: null, confidence: 0, articleId: null, title: null };
  return { text: answerText(passage), confidence, articleId: passage.id, title: passage.title };
}
