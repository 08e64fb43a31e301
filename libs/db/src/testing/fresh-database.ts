import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@baton/db';

/**
 * A migrated database of its own on the real PostgreSQL at DATABASE_URL (npm test provides one),
 * for one spec file: `open` in beforeAll, `close` (which drops it) in afterAll.
 */
export function freshDatabase(label: string, poolSize = 2) {
  const serverUrl = process.env.DATABASE_URL;
  const name = `baton_${label}_${Date.now()}_${process.pid}`;
  let db: DataSource | undefined;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  return {
    async open(): Promise<DataSource> {
      if (!serverUrl) throw new Error(`DATABASE_URL must point at a PostgreSQL server for the ${label} tests`);
      await admin(`CREATE DATABASE ${name}`);
      const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
      await migrate(url);
      db = await createDataSource({ url, poolSize }).initialize();
      return db;
    },
    async close(): Promise<void> {
      await db?.destroy();
      if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
