import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/auth.decorators';

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
}
