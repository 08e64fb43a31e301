import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AssistPassage, type AssistView, ErrorCode, type KnowledgeAnswer, type Signals } from '@baton/contracts';
import { answerFromKnowledge, answerScore, knowledgeCandidates, knowledgePassage, MessageEntity, TaskEntity, withoutFiller } from '@baton/db';
import { aiReplyConfigSchema } from '@baton/flow';
import { keywordTriage } from '@baton/nlu';
import type { Principal } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { agentScope, scopeSees, seesEveryTask } from '../tasks/task-access';
import { assistFlags, type CustomerMessage, INTENT_FLOOR } from './assist-flags';
import { excerpt, type MessageEvaluation, messageToAnswer, suggestedReply } from './assist-text';

/** How many of the customer's last messages are tried for a question the knowledge bases answer. */
const ANSWERABLE_LOOKBACK = 3;
const MAX_PASSAGES = 3;
/** Without a flow that names its knowledge bases, every base is searched, the largest first, up to this many. */
const MAX_FALLBACK_BASES = 5;
/** The ai_reply node's default floor, from the node's own schema. */
const DEFAULT_FLOOR = aiReplyConfigSchema.parse({ source: 'knowledge_base' }).confidenceFloor;

interface KnowledgeBase {
  name: string;
  /** The confidence an answer needs before the flow would have sent it. */
  floor: number;
}

interface Evaluated {
  customerMessage: CustomerMessage;
  /** The best answer across the knowledge bases, with the floor of the base it came from. */
  answer: (KnowledgeAnswer & { knowledgeBase: string; floor: number }) | null;
}

/** The classified intent when triage was sure enough of it; it only breaks ties between equally ranked articles. */
const topIntent = (signals: Signals) => signals.intents.find((intent) => intent.confidence >= INTENT_FLOOR)?.label;

/**
 * Agent assist: knowledge passages, a suggested reply and risk flags for the conversation behind a
 * task, recomputed from the read models on each call (the desk calls it when the customer writes).
 */
@Injectable()
export class AssistService {
  constructor(private readonly db: DataSource) {}

  async assist(taskId: string, caller: Principal): Promise<AssistView> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task) throw new ApiError(404, ErrorCode.TaskNotFound, `no task ${taskId}`);
    await this.authorize(task, caller);

    const rows = await this.db.getRepository(MessageEntity).find({
      select: { id: true, seq: true, text: true, signals: true },
      where: { conversationId: task.conversationId, role: 'customer' },
      order: { seq: 'ASC' },
    });
    // Signals are stored with each customer message; a message stored without them is read with the keyword rules.
    const messages: CustomerMessage[] = rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      text: row.text,
      signals: (row.signals as Signals | null) ?? keywordTriage(row.text),
    }));
    const bases = await this.knowledgeBases(task.conversationId);
    const last = messages.at(-1);
    const chosen = await this.chooseMessage(messages, bases);
    const answer = chosen?.answer ?? null;

    return {
      taskId: task.id,
      conversationId: task.conversationId,
      lastCustomerMessage: last ? { id: last.id, seq: last.seq } : null,
      answering: chosen ? { id: chosen.customerMessage.id, seq: chosen.customerMessage.seq } : null,
      knowledgeBases: bases.map((base) => base.name),
      passages: chosen ? await this.passages(chosen, bases) : [],
      suggestion:
        answer?.text && answer.articleId && answer.title && answer.confidence >= answer.floor
          ? {
              text: suggestedReply(answer.text),
              confidence: answer.confidence,
              source: { knowledgeBase: answer.knowledgeBase, articleId: answer.articleId, title: answer.title },
            }
          : null,
      flags: assistFlags(messages),
      computedAt: new Date().toISOString(),
    };
  }

  /** The desk's own rule (tasks/task-access): supervisors see every task, agents the tasks they may see on the desk. */
  private async authorize(task: TaskEntity, caller: Principal): Promise<void> {
    if (seesEveryTask(caller)) return;
    if (scopeSees(caller, await agentScope(this.db, caller), task)) return;
    throw new ApiError(403, ErrorCode.Forbidden, 'agents see assist only for tasks they hold and open tasks in the queues they serve');
  }

  /** The knowledge bases the conversation's pinned flow answers from (ai_reply nodes), else every base. */
  private async knowledgeBases(conversationId: string): Promise<KnowledgeBase[]> {
    const fromFlow: { name: string; floor: number | null }[] = await this.db.query(
      `SELECT n.node->'config'->>'knowledgeBase' AS name, min((n.node->'config'->>'confidenceFloor')::float8) AS floor
       FROM conversations c
       JOIN flows f ON f.name = c.flow_name
       JOIN flow_versions v ON v.flow_id = f.id AND v.version = c.flow_version
       CROSS JOIN LATERAL jsonb_array_elements(v.content->'nodes') AS n (node)
       WHERE c.id = $1 AND n.node->>'type' = 'ai_reply' AND n.node->'config'->>'source' = 'knowledge_base'
         AND n.node->'config'->>'knowledgeBase' IS NOT NULL
       GROUP BY 1
       ORDER BY 1`,
      [conversationId],
    );
    if (fromFlow.length > 0) return fromFlow.map(({ name, floor }) => ({ name, floor: floor ?? DEFAULT_FLOOR }));
    const all: { name: string }[] = await this.db.query(
      `SELECT knowledge_base AS name FROM knowledge_articles GROUP BY knowledge_base ORDER BY count(*) DESC, knowledge_base LIMIT $1`,
      [MAX_FALLBACK_BASES],
    );
    return all.map(({ name }) => ({ name, floor: DEFAULT_FLOOR }));
  }

  /** The message to answer (see messageToAnswer), with its best knowledge answer across the bases. */
  private async chooseMessage(messages: CustomerMessage[], bases: KnowledgeBase[]): Promise<Evaluated | null> {
    const evaluations: MessageEvaluation<Evaluated>[] = [];
    for (const customerMessage of messages.slice(-ANSWERABLE_LOOKBACK).reverse()) {
      const intent = topIntent(customerMessage.signals);
      const answers = await Promise.all(
        bases.map(async (base) => ({ ...(await answerFromKnowledge(this.db, { knowledgeBase: base.name, text: customerMessage.text, intent })), knowledgeBase: base.name, floor: base.floor })),
      );
      const best = answers.reduce<(typeof answers)[number] | null>((top, answer) => (top === null || answer.confidence > top.confidence ? answer : top), null);
      const evaluation = { message: { customerMessage, answer: best }, confidence: best?.confidence ?? 0, floor: best?.floor ?? DEFAULT_FLOOR };
      evaluations.push(evaluation);
      // The newest confidently answered message wins; older ones need not be asked.
      if (evaluation.confidence >= evaluation.floor) break;
    }
    return messageToAnswer(evaluations)?.message ?? null;
  }

  /**
   * The articles that best match the message across the bases, scored by coverage (how much of the
   * message's weight they hold), with their most relevant paragraph. The suggestion's article, chosen
   * with the margin over the runner-up as well, comes first.
   */
  private async passages({ customerMessage, answer }: Evaluated, bases: KnowledgeBase[]): Promise<AssistPassage[]> {
    const text = withoutFiller(customerMessage.text);
    const perBase = await Promise.all(
      bases.map(async (base) => {
        const candidates = await knowledgeCandidates(this.db, { knowledgeBase: base.name, text, tieBreaker: '', limit: MAX_PASSAGES });
        return candidates.top.map((candidate) => ({
          knowledgeBase: base.name,
          articleId: candidate.id,
          rank: candidate.rank,
          score: answerScore({ ...candidates, top: [candidate] }).coverage,
        }));
      }),
    );
    const ranked = perBase
      .flat()
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => Number(b.articleId === answer?.articleId) - Number(a.articleId === answer?.articleId) || b.score - a.score || b.rank - a.rank)
      .slice(0, MAX_PASSAGES);
    const passages = await Promise.all(
      ranked.map(async (candidate) => {
        const passage = await knowledgePassage(this.db, { articleId: candidate.articleId, text });
        return passage && { knowledgeBase: candidate.knowledgeBase, articleId: passage.id, title: passage.title, text: excerpt(passage.paragraph), score: candidate.score };
      }),
    );
    return passages.filter((passage) => passage !== null);
  }
}
