import { Inject, Injectable, type MessageEvent, type OnModuleDestroy } from '@nestjs/common';
import { Observable, type Subscriber } from 'rxjs';
import { DataSource } from 'typeorm';
import type { DeskEvent } from '@baton/contracts';
import { TaskEntity } from '@baton/db';
import type { Principal } from '../auth/auth.decorators';
import { API_CONFIG, type ApiConfig } from '../config';
import { toTaskView } from '../conversations/conversation-views';
import { agentScope, scopeSees, seesEveryTask } from '../tasks/task-access';

/**
 * Change numbers come from a sequence, so a write can commit after one with a higher number has
 * been read. Each poll looks this many numbers back and skips what it has already sent.
 */
const LOOKBACK = 500;
/** At most this many changes per poll; the next poll carries on from there. */
const PAGE = 1000;
/** What a new desk gets first: the open tasks and those in people's hands. */
const SNAPSHOT_LIMIT = 1000;

interface Watcher {
  /** Which tasks the desk may see; undefined until the agent's profile is read. */
  sees: ((task: TaskEntity) => boolean) | undefined;
  /** Tasks this desk has been sent, with the change it saw: it hears about them to the end, even once they leave its view. */
  known: Map<string, number>;
  subscriber: Subscriber<MessageEvent>;
}

/**
 * The agent desk's live feed. One poller per API process reads changed tasks by change number
 * and fans them out to every open desk, each filtered by what its agent may see; it runs only
 * while a desk is open.
 */
@Injectable()
export class DeskFeed implements OnModuleDestroy {
  private readonly watchers = new Set<Watcher>();
  private cursor = 0;
  private readonly sent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** A desk's stream: every visible task once, then every change to one it may see or has seen. */
  watch(caller: Principal): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      // Counted from the start, so that a desk closing meanwhile does not stop the poller under it.
      const watcher: Watcher = { sees: undefined, known: new Map(), subscriber };
      this.watchers.add(watcher);
      void (async () => {
        if (seesEveryTask(caller)) {
          watcher.sees = () => true;
        } else {
          const scope = await agentScope(this.db, caller);
          watcher.sees = (task) => scopeSees(caller, scope, task);
        }
        await this.start();
        if (!this.watchers.has(watcher)) return;
        // Watching before the snapshot is read: a change in between is sent again, never lost.
        const tasks = await this.db
          .getRepository(TaskEntity)
          .createQueryBuilder('task')
          .where(`task.status IN ('open', 'claimed')`)
          .orderBy('task.priorityRank', 'ASC')
          .addOrderBy('task.createdAt', 'ASC')
          .take(SNAPSHOT_LIMIT)
          .getMany();
        for (const task of tasks) this.offer(watcher, task);
      })().catch((error: unknown) => subscriber.error(error));
      return () => {
        this.watchers.delete(watcher);
        if (this.watchers.size === 0) this.stop();
      };
    });
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private offer(watcher: Watcher, task: TaskEntity): void {
    if (!watcher.sees) return;
    const change = Number(task.changeId);
    const seen = watcher.known.get(task.id);
    // The snapshot and the poller can both carry a task: an older state never follows a newer one.
    if (seen !== undefined && seen >= change) return;
    const visible = watcher.sees(task);
    if (!visible && seen === undefined) return;
    if (task.status === 'resolved' || task.status === 'cancelled') watcher.known.delete(task.id);
    else watcher.known.set(task.id, change);
    const event: DeskEvent = { type: 'task', task: toTaskView(task) };
    watcher.subscriber.next({ id: task.changeId, type: 'task', data: event });
  }

  private async start(): Promise<void> {
    if (this.timer) return;
    const [{ max }] = await this.db.query(`SELECT coalesce(max(change_id), 0)::bigint AS max FROM tasks`);
    if (this.timer || this.watchers.size === 0) return;
    this.cursor = Number(max);
    this.sent.clear();
    this.timer = setInterval(() => void this.poll(), this.config.DESK_POLL_INTERVAL);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const changed = await this.db
        .getRepository(TaskEntity)
        .createQueryBuilder('task')
        .where('task.changeId > :from', { from: Math.max(0, this.cursor - LOOKBACK) })
        .orderBy('task.changeId', 'ASC')
        .take(PAGE)
        .getMany();
      for (const task of changed) {
        const change = Number(task.changeId);
        this.cursor = Math.max(this.cursor, change);
        if ((this.sent.get(task.id) ?? 0) >= change) continue;
        this.sent.set(task.id, change);
        for (const watcher of this.watchers) this.offer(watcher, task);
      }
      for (const [id, change] of this.sent) if (change < this.cursor - 2 * LOOKBACK) this.sent.delete(id);
    } catch {
      // A failed poll (the database restarting) is retried by the next tick.
    } finally {
      this.polling = false;
    }
  }
}
