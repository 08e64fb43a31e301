import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type CreatedUserView, type CreateUser, ErrorCode, type Role, type UpdateUser, type UserView } from '@baton/contracts';
import { UserEntity } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { generatePassword, hashPassword } from '../auth/passwords';
import { ApiError } from '../common/api-error';
import { userView } from './user-view';

const notFound = (id: string) => new ApiError(404, ErrorCode.UserNotFound, `no user has id ${id}`);
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Accounts of the people who sign in. Users are disabled, never deleted: the audit log names them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return users.map(userView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound(id);
    return userView(user);
  }

  /** Without a password, a one-time password is generated, answered this once and must be changed at the first sign-in. */
  async create(actor: Principal, { email, name, roles, password }: CreateUser, ip: string): Promise<CreatedUserView> {
    const oneTimePassword = password === undefined ? generatePassword() : undefined;
    const passwordHash = await hashPassword(password ?? oneTimePassword!);
    const id = randomUUID();
    try {
      await this.db.transaction(async (em) => {
        await em.query(
          `INSERT INTO users (id, email, name, password_hash, roles, must_change_password) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, email, name, passwordHash, unique(roles), oneTimePassword !== undefined],
        );
        await this.ensureAgent(em, id, roles);
        await this.audit.record(actor, 'user.created', id, { email, roles: unique(roles), oneTimePassword: oneTimePassword !== undefined }, { ip, manager: em });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, ErrorCode.UserExists, `a user with email ${email} exists`);
      throw error;
    }
    const user = await this.get(id);
    return oneTimePassword === undefined ? user : { ...user, oneTimePassword };
  }

  /** Disabling a user also ends their sessions; an admin cannot disable themselves or drop their own admin role. */
  async update(actor: Principal, id: string, change: UpdateUser, ip: string): Promise<UserView> {
    if (actor.kind === 'user' && actor.id === id && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
      throw new ApiError(403, ErrorCode.Forbidden, 'you cannot disable yourself or remove your own admin role; ask another admin');
    }
    await this.db.transaction(async (em) => {
      const user = await em.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(id);
      const set: Partial<Pick<UserEntity, 'name' | 'roles' | 'disabledAt'>> = {};
      const details: Record<string, unknown> = {};
      if (change.name !== undefined && change.name !== user.name) set.name = details.name = change.name;
      if (change.roles !== undefined && !sameRoles(change.roles, user.roles)) set.roles = details.roles = unique(change.roles);
      if (change.disabled !== undefined && change.disabled !== (user.disabledAt !== null)) {
        set.disabledAt = change.disabled ? new Date() : null;
        details.disabled = change.disabled;
      }
      if (Object.keys(set).length === 0) return;
      await em.update(UserEntity, { id }, set);
      if (set.disabledAt) await em.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await this.ensureAgent(em, id, set.roles ?? user.roles);
      await this.audit.record(actor, 'user.updated', id, details, { ip, manager: em });
    });
    return this.get(id);
  }

  /** Someone with the agent role appears to supervisors and routing as an agent, with the table's defaults. */
  private async ensureAgent(em: EntityManager, userId: string, roles: Role[]): Promise<void> {
    if (roles.includes('agent')) await em.query(`INSERT INTO agents (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [userId]);
  }
}

const unique = (roles: Role[]): Role[] => [...new Set(roles)];
const sameRoles = (a: Role[], b: Role[]) => unique(a).sort().join() === unique(b).sort().join();
