import type { DataSource } from 'typeorm';
import type { KnowledgeAnswer } from '@baton/contracts';
import { answerFromKnowledge } from '@baton/db';

/** Answers for the flow's ai_reply node (source knowledge_base), from PostgreSQL full-text search. */
export function createKnowledgeActivities(dataSource: DataSource) {
  return {
    /** The best article's text and a confidence in [0, 1] to compare with the node's floor; text null when nothing matches. */
    async answerFromKnowledge(input: { knowledgeBase: string; text: string; intent?: string }): Promise<KnowledgeAnswer> {
      return answerFromKnowledge(dataSource, input);
    },
  };
}
