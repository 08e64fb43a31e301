import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { freshDatabase } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import type { ApiConfig } from '../config';
import { FirstAdminSeeder } from './first-admin.seeder';
import { verifyPassword } from './passwords';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const database = freshDatabase('first_admin');
let db: DataSource;

const seederOn = (dataSource: DataSource, settings: Partial<ApiConfig> = {}) =>
  new FirstAdminSeeder(dataSource, new AuditService(dataSource), { BATON_ADMIN_EMAIL: 'admin@baton.local', ...settings } as ApiConfig);

const users = () => db.query(`SELECT email, roles, must_change_password, password_hash FROM users ORDER BY created_at`);

beforeAll(async () => {
  db = await database.open();
}, 30_000);

afterEach(() => db.query(`TRUNCATE users, audit_log CASCADE`));

afterAll(() => database.close());

describe('FirstAdminSeeder', () => {
  it('creates one admin with a one-time password, printed once, when there are no users', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await seederOn(db).onApplicationBootstrap();
      const [created] = await users();
      expect(created).toMatchObject({ email: 'admin@baton.local', roles: ['admin'], must_change_password: true });
      const printed = /one-time password (\S+)/.exec(String(warn.mock.calls[0]?.[0]))![1]!;
      await expect(verifyPassword(printed, created.password_hash)).resolves.toBe(true);

      await seederOn(db, { BATON_ADMIN_EMAIL: 'second@baton.local' }).onApplicationBootstrap();
      expect(await users()).toHaveLength(1);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('takes the email and password from the environment when given, without a change required', async () => {
    await seederOn(db, { BATON_ADMIN_EMAIL: 'ops@example.com', BATON_ADMIN_PASSWORD: 'a long admin password' }).onApplicationBootstrap();
    const [created] = await users();
    expect(created).toMatchObject({ email: 'ops@example.com', must_change_password: false });
    await expect(verifyPassword('a long admin password', created.password_hash)).resolves.toBe(true);
  });

  it('creates one admin when two API replicas start together', async () => {
    const other = await database.another();
    try {
      await Promise.all([seederOn(db).onApplicationBootstrap(), seederOn(other).onApplicationBootstrap(), seederOn(db).onApplicationBootstrap()]);
      expect(await users()).toHaveLength(1);
      expect(await db.query(`SELECT action, target FROM audit_log`)).toEqual([{ action: 'user.created', target: (await db.query(`SELECT id FROM users`))[0].id }]);
    } finally {
      await other.destroy();
    }
  });
});
