import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type ChangePassword, ErrorCode, type Login, type MeView, type SessionView } from '@baton/contracts';
import { UserEntity } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { userView } from '../users/user-view';
import type { Credential, Principal } from './auth.decorators';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { type RateDecision, RateLimiter } from './rate-limiter';
import { newToken } from './tokens';

const rateLimited = (decision: Extract<RateDecision, { allowed: false }>) =>
  new ApiError(429, ErrorCode.RateLimited, `too many failed attempts; try again in ${decision.retryAfterSeconds} s`, {
    retryAfter: decision.retryAfterSeconds,
  });

/**
 * Signing in and out and changing one's password. A sign-in fails with one answer, after the same
 * scrypt work, whether the email is unknown, the password wrong or the account disabled, so the
 * answer tells an attacker nothing about which accounts exist. Failures are limited per email and
 * per client address, in PostgreSQL so that every API process counts them together.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private readonly failuresByEmail: RateLimiter;
  private readonly failuresByIp: RateLimiter;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.failuresByEmail = new RateLimiter(db, 'login-email', config.LOGIN_RATE_LIMIT.limit, config.LOGIN_RATE_LIMIT.windowMs);
    this.failuresByIp = new RateLimiter(db, 'login-ip', config.LOGIN_IP_RATE_LIMIT.limit, config.LOGIN_IP_RATE_LIMIT.windowMs);
  }

  /** The decoy hash is made before the first sign-in, so that sign-in is not the slow one. */
  async onModuleInit(): Promise<void> {
    await decoyHash();
  }

  async login({ email, password }: Login, ip: string): Promise<SessionView> {
    // the address first: a spray of made-up emails from one address stops there, before making a bucket per email
    const attempt = await this.attempt([this.failuresByIp, ip], [this.failuresByEmail, email]);
    const user = await this.db.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getOne();
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !matches || user.disabledAt) {
      const reason = !user ? 'unknown_email' : !matches ? 'wrong_password' : 'disabled';
      await this.audit.record(null, 'auth.login_failed', user?.id ?? null, { email, reason }, { ip });
      throw new ApiError(401, ErrorCode.InvalidCredentials, 'the email or the password is wrong');
    }
    await attempt.succeeded();
    const { token, hash } = newToken();
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL);
    await this.db.query(`INSERT INTO sessions (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [id, user.id, hash, expiresAt]);
    await this.audit.record(this.principalOf(user), 'auth.login', user.id, { session: id }, { ip });
    return { token, expiresAt: expiresAt.toISOString(), user: userView(user), mustChangePassword: user.mustChangePassword };
  }

  /** Ends the session the request came with; API keys and the root token have none, so nothing changes. */
  async logout(principal: Principal, credential: Credential, ip: string): Promise<void> {
    if (credential.kind !== 'session') return;
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [credential.sessionId]);
    await this.audit.record(principal, 'auth.logout', principal.id, { session: credential.sessionId }, { ip });
  }

  /** Sets a new password, clears a one-time password's obligation and signs out every other session. */
  async changePassword(principal: Principal, credential: Credential, { currentPassword, newPassword }: ChangePassword, ip: string): Promise<void> {
    if (credential.kind !== 'session') throw new ApiError(403, ErrorCode.Forbidden, 'only a signed-in person has a password to change');
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: principal.id });
    const attempt = await this.attempt([this.failuresByEmail, user.email.toLowerCase()]);
    if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new ApiError(400, ErrorCode.InvalidCredentials, 'the current password is wrong', {
        details: [{ code: ErrorCode.InvalidCredentials, field: 'currentPassword', message: 'the current password is wrong' }],
      });
    }
    await attempt.succeeded();
    if (newPassword === currentPassword) {
      throw new ApiError(400, ErrorCode.InvalidField, 'the new password must differ from the current one', {
        details: [{ code: ErrorCode.InvalidField, field: 'newPassword', message: 'must differ from the current password' }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1`, [user.id, passwordHash]);
      await em.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [user.id, credential.sessionId]);
      await this.audit.record(principal, 'auth.password_changed', user.id, {}, { ip, manager: em });
    });
  }

  async me(principal: Principal, credential: Credential): Promise<MeView> {
    if (credential.kind !== 'session') return { ...principal, user: null, mustChangePassword: false, sessionExpiresAt: null };
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: principal.id });
    return { ...principal, user: userView(user), mustChangePassword: user.mustChangePassword, sessionExpiresAt: credential.expiresAt.toISOString() };
  }

  private principalOf(user: UserEntity): Principal {
    return { kind: 'user', id: user.id, name: user.name, roles: user.roles };
  }

  /**
   * Counts an attempt against each limiter up front (so a burst sent at once cannot slip past the
   * limit) and refunds it when the attempt succeeds: only failures use up the allowance. Refunds
   * are best effort: one the database misses leaves a token spent, never a sign-in refused.
   */
  private async attempt(...limits: [RateLimiter, string][]): Promise<{ succeeded(): Promise<void> }> {
    const taken: [RateLimiter, string][] = [];
    const refundAll = async () => {
      const refunds = await Promise.allSettled(taken.map(([limiter, key]) => limiter.refund(key)));
      for (const refund of refunds) if (refund.status === 'rejected') this.logger.warn(`Sign-in rate-limit token not refunded: ${(refund.reason as Error).message}`);
    };
    try {
      for (const [limiter, key] of limits) {
        const decision = await limiter.take(key);
        if (!decision.allowed) throw rateLimited(decision);
        taken.push([limiter, key]);
      }
    } catch (error) {
      await refundAll();
      throw error;
    }
    return { succeeded: refundAll };
  }
}
