import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { concatMap, from, interval, Observable, startWith, filter, map, mergeMap } from 'rxjs';
import { DataSource, type EntityManager, MoreThan } from 'typeorm';
import { type Channel, type ConversationEvent, type ConversationView, ErrorCode } from '@baton/contracts';
import { ConversationEntity, MessageEntity, OutcomeEntity, TaskEntity } from '@baton/db';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { forCustomer, toConversationView, toMessageView, toTaskView } from './conversation-views';

/** How many events back each poll of a stream looks for late commits. */
const STREAM_LOOKBACK = 20;

/** Reads conversations from the read models and streams what changes in them. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async get(id: string): Promise<ConversationView> {
    const view = await this.snapshot(async (em) => {
      const conversation = await em.getRepository(ConversationEntity).findOneBy({ id });
      return conversation ? this.view(em, conversation) : null;
    });
    if (!view) throw new ApiError(404, ErrorCode.ConversationNotFound, `no conversation ${id}`);
    return view;
  }

  /** The conversation's row alone (no transcript); 404 when there is none. */
  async find(id: string): Promise<ConversationEntity> {
    const conversation = await this.db.getRepository(ConversationEntity).findOneBy({ id });
    if (!conversation) throw new ApiError(404, ErrorCode.ConversationNotFound, `no conversation ${id}`);
    return conversation;
  }

  /** The newest conversation on a channel thread, if any. */
  async latest(channel: Channel, conversationKey: string): Promise<ConversationView | null> {
    return this.snapshot(async (em) => {
      const conversation = await em.getRepository(ConversationEntity).findOne({ where: { channel, conversationKey }, order: { createdAt: 'DESC' } });
      return conversation ? this.view(em, conversation) : null;
    });
  }

  /** A message already stored under this idempotency key on this thread, if any. */
  findByIdempotencyKey(channel: Channel, conversationKey: string, idempotencyKey: string) {
    return this.db.getRepository(MessageEntity).findOneBy({ channel, conversationKey, idempotencyKey });
  }

  /**
   * Server-sent events for one conversation: messages, task changes and stage changes after
   * sequence number `after`, in order. The SSE id is the sequence number, so a client that
   * reconnects with Last-Event-ID misses nothing. Writes to one conversation can commit slightly
   * out of order (an agent's reply beside the workflow's own), so each poll looks back a little
   * and skips what it already sent.
   */
  stream(id: string, after: number, options: { customerView?: boolean } = {}): Observable<MessageEvent> {
    const sent = new Map<string, number>();
    let cursor = after;
    let stage: string | null = null;
    return interval(this.config.STREAM_POLL_INTERVAL).pipe(
      startWith(0),
      concatMap(() => from(this.changesSince(id, Math.max(after, cursor - STREAM_LOOKBACK)))),
      mergeMap((events) => from(events)),
      filter((event) => {
        if (event.type === 'stage') {
          if (event.stage === stage) return false;
          stage = event.stage;
          return true;
        }
        if (options.customerView && event.type === 'task') return false;
        const key = event.type === 'message' ? `m:${event.message.id}` : `t:${event.task.id}:${event.seq}`;
        if (sent.has(key)) return false;
        sent.set(key, event.seq);
        for (const [old, seq] of sent) if (seq < cursor - 2 * STREAM_LOOKBACK) sent.delete(old);
        return true;
      }),
      map((event) => {
        cursor = Math.max(cursor, event.seq);
        const data = options.customerView && event.type === 'message' ? { ...event, message: forCustomer(event.message) } : event;
        return { id: String(event.seq), type: event.type, data } satisfies MessageEvent;
      }),
    );
  }

  private async changesSince(id: string, after: number): Promise<ConversationEvent[]> {
    const [conversation, messages, tasks] = await Promise.all([
      this.db.getRepository(ConversationEntity).findOneBy({ id }),
      this.db.getRepository(MessageEntity).find({ where: { conversationId: id, seq: MoreThan(after) }, order: { seq: 'ASC' } }),
      this.db.getRepository(TaskEntity).find({ where: { conversationId: id, lastEventSeq: MoreThan(after) } }),
    ]);
    const events: ConversationEvent[] = [
      ...messages.map((message): ConversationEvent => ({ type: 'message', seq: message.seq, message: toMessageView(message) })),
      ...tasks.map((task): ConversationEvent => ({ type: 'task', seq: task.lastEventSeq, task: toTaskView(task) })),
    ];
    if (conversation) events.push({ type: 'stage', seq: conversation.lastEventSeq, stage: conversation.stage });
    return events.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Reads in one snapshot: the workflow writes a conversation's stage, messages and tasks in
   * separate transactions, and a view must not show a reply next to the stage from before it.
   */
  private snapshot<T>(read: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', read);
  }

  private async view(em: EntityManager, conversation: ConversationEntity): Promise<ConversationView> {
    const messages = await em.getRepository(MessageEntity).find({ where: { conversationId: conversation.id }, order: { seq: 'ASC' } });
    const tasks = await em.getRepository(TaskEntity).find({ where: { conversationId: conversation.id }, order: { createdAt: 'ASC' } });
    const outcome = await em.getRepository(OutcomeEntity).findOneBy({ conversationId: conversation.id });
    return toConversationView(conversation, messages, tasks, outcome);
  }
}
