import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '@baton/contracts';
import { API_CONFIG, type ApiConfig } from '../config';
import type { Credential, Principal } from './auth.decorators';
import { API_KEY_PREFIX, hashToken } from './tokens';

export interface Authenticated {
  principal: Principal;
  credential: Credential;
}

/** last_used_at of an API key is written at most this often, so a busy integration costs no extra writes. */
const TOUCH_INTERVAL_MS = 60_000;

export const ROOT_PRINCIPAL: Principal = { kind: 'root', id: 'root', name: 'root', roles: ['admin'] };

/**
 * Turns a bearer token into a principal: the root token from the environment, an API key (`bk_...`)
 * or a session token. Keys and sessions are found by the SHA-256 of the token, so the lookup itself
 * compares nothing secret; revoked or expired ones and disabled users' sessions are not found.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);
  private readonly rootDigest: Buffer | null;

  constructor(
    private readonly db: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.rootDigest = config.BATON_API_TOKEN ? createHash('sha256').update(config.BATON_API_TOKEN).digest() : null;
  }

  async authenticate(token: string): Promise<Authenticated | null> {
    const hash = hashToken(token);
    // Digests have one length, so comparing them leaks neither the root token nor its length.
    if (this.rootDigest && timingSafeEqual(hash, this.rootDigest)) return { principal: ROOT_PRINCIPAL, credential: { kind: 'root' } };
    return token.startsWith(API_KEY_PREFIX) ? this.apiKey(hash) : this.session(hash);
  }

  private async apiKey(hash: Buffer): Promise<Authenticated | null> {
    const [key] = await this.db.query<{ id: string; name: string; roles: Role[]; last_used_at: Date | null }[]>(
      `SELECT id, name, roles, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (!key) return null;
    if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > TOUCH_INTERVAL_MS) this.touch(key.id);
    return { principal: { kind: 'api_key', id: key.id, name: key.name, roles: key.roles }, credential: { kind: 'api_key' } };
  }

  private async session(hash: Buffer): Promise<Authenticated | null> {
    const [row] = await this.db.query<
      { session_id: string; expires_at: Date; id: string; name: string; roles: Role[]; must_change_password: boolean }[]
    >(
      `SELECT s.id AS session_id, s.expires_at, u.id, u.name, u.roles, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hash],
    );
    if (!row) return null;
    return {
      principal: { kind: 'user', id: row.id, name: row.name, roles: row.roles },
      credential: { kind: 'session', sessionId: row.session_id, expiresAt: row.expires_at, mustChangePassword: row.must_change_password },
    };
  }

  /** Records that a key was used, without holding up the request; the condition makes replicas write once between them. */
  private touch(id: string): void {
    this.db
      .query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id])
      .catch((error: Error) => this.logger.warn(`could not record the use of API key ${id}: ${error.message}`));
  }
}
