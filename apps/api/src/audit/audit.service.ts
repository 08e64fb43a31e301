import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntryView, AuditPage, AuditQuery } from '@baton/contracts';
import { AuditEntryEntity } from '@baton/db';
import type { Principal } from '../auth/auth.decorators';

const entryView = (entry: AuditEntryEntity): AuditEntryView => ({
  id: entry.id,
  at: entry.at.toISOString(),
  actor: { kind: entry.actorKind, id: entry.actorId, name: entry.actorName },
  action: entry.action,
  target: entry.target,
  details: entry.details,
  ip: entry.ip,
});

/** Audited actions: sign-ins, flow publishes and rollbacks, and what agents do with tasks. */
export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.password_changed'
  | 'user.created'
  | 'user.updated'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'flow.published'
  | 'flow.rolled_back'
  | 'task.claimed'
  | 'task.declined'
  | 'task.transferred'
  | 'task.released'
  | 'task.resolved'
  | 'queue.updated'
  | 'agent.updated';

/** Appends to the audit log; entries are never changed or removed through the API. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(
    actor: Principal | null,
    action: AuditAction,
    target: string | null,
    details: Record<string, unknown> = {},
    options: { ip?: string | null; manager?: EntityManager } = {},
  ): Promise<void> {
    await (options.manager ?? this.db.manager).query(
      `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, target, details, ip) VALUES (now(), $1, $2, $3, $4, $5, $6, $7)`,
      [actor?.kind ?? 'anonymous', actor?.id ?? null, actor?.name ?? null, action, target, JSON.stringify(details), options.ip ?? null],
    );
  }

  /** Newest first; a page ends where the next one starts (`before` = the last id seen). */
  async list({ action, actor, since, before, limit }: AuditQuery): Promise<AuditPage> {
    const query = this.db.getRepository(AuditEntryEntity).createQueryBuilder('e').orderBy('e.id', 'DESC').limit(limit + 1);
    if (action) query.andWhere('e.action = :action', { action });
    if (actor) query.andWhere('(e.actor_id = :actor OR lower(e.actor_name) = lower(:actor))', { actor });
    if (since) query.andWhere('e.at >= :since', { since: new Date(since) });
    if (before) query.andWhere('e.id < :before', { before });
    const rows = await query.getMany();
    const entries = rows.slice(0, limit).map(entryView);
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
  }
}
