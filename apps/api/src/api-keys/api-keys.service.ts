import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type ApiKeyView, type CreateApiKey, type CreatedApiKeyView, ErrorCode } from '@baton/contracts';
import { ApiKeyEntity } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { API_KEY_PREFIX, apiKeyPrefix, newToken } from '../auth/tokens';
import { ApiError } from '../common/api-error';

const view = (key: ApiKeyEntity): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  roles: key.roles,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** Keys for integrations and the CLI: the key is answered once at creation, then only its hash is kept. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ApiKeyView[]> {
    return (await this.db.getRepository(ApiKeyEntity).find({ order: { createdAt: 'DESC', id: 'ASC' } })).map(view);
  }

  async create(actor: Principal, { name, roles }: CreateApiKey, ip: string): Promise<CreatedApiKeyView> {
    const { token: key, hash } = newToken(API_KEY_PREFIX);
    const id = randomUUID();
    const prefix = apiKeyPrefix(key);
    await this.db.transaction(async (em) => {
      await em.query(`INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        name,
        prefix,
        hash,
        [...new Set(roles)],
        actor.kind === 'user' ? actor.id : null,
      ]);
      await this.audit.record(actor, 'api_key.created', id, { name, prefix, roles: [...new Set(roles)] }, { ip, manager: em });
    });
    const created = await this.db.getRepository(ApiKeyEntity).findOneByOrFail({ id });
    return { ...view(created), key };
  }

  /** Revoking takes effect on the key's next request; revoking a revoked key changes nothing. */
  async revoke(actor: Principal, id: string, ip: string): Promise<void> {
    await this.db.transaction(async (em) => {
      // An UPDATE answers [rows, count] through TypeORM.
      const [[revoked]] = await em.query<[{ name: string }[], number]>(
        `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING name`,
        [id],
      );
      if (revoked) return this.audit.record(actor, 'api_key.revoked', id, { name: revoked.name }, { ip, manager: em });
      if (!(await em.getRepository(ApiKeyEntity).existsBy({ id }))) throw new ApiError(404, ErrorCode.ApiKeyNotFound, `no API key has id ${id}`);
    });
  }
}
