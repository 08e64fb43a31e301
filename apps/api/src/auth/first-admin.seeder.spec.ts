import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import type { ApiConfig } from '../config';
import { FirstAdminSeeder } from './first-admin.seeder';
import { verifyPassword } from './passwords';

/** Runs against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
const serverUrl = process.env.DATABASE_URL;
const database = `baton_first_admin_${Date.now()}_${process.pid}`;
let url: string;
let db: DataSource;

const admin = async (sql: string) => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
};

const seederOn = (dataSource: DataSource, settings: Partial<ApiConfig> = {}) =>
  new FirstAdminSeeder(dataSource, new AuditService(dataSource), { BATON_ADMIN_EMAIL: 'admin@baton.local', ...settings } as ApiConfig);

const users = () => db.query(`SELECT email, roles, must_change_password, password_hash FROM users ORDER BY created_at`);

beforeAll(async () => {
  if (!serverUrl) throw new Error('DATABASE_URL must point at a PostgreSQL server for the first admin tests');
  await admin(`CREATE DATABASE ${database}`);
  url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  await migrate(url);
  db = await createDataSource({ url, poolSize: 2 }).initialize();
}, 30_000);

afterEach(() => db.query(`TRUNCATE users, audit_log CASCADE`));

afterAll(async () => {
  await db?.destroy();
  if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

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
    const other = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      await Promise.all([seederOn(db).onApplicationBootstrap(), seederOn(other).onApplicationBootstrap(), seederOn(db).onApplicationBootstrap()]);
      expect(await users()).toHaveLength(1);
      expect(await db.query(`SELECT action, target FROM audit_log`)).toEqual([{ action: 'user.created', target: (await db.query(`SELECT id FROM users`))[0].id }]);
    } finally {
      await other.destroy();
    }
  });
});
