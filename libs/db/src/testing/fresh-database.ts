import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../data-source';

/**
 * For specs: a migrated database of its own on the real PostgreSQL at DATABASE_URL (npm test
 * provides one), for one spec file: `open` in beforeAll, `close` (which drops it) in afterAll;
 * `another` opens a second pool on it, as a second API or worker process would.
 */
export function freshDatabase(label: string, poolSize = 2) {
  const serverUrl = process.env.DATABASE_URL;
  const name = `baton_${label}_${Date.now()}_${process.pid}`;
  let url: string | undefined;
  const pools: DataSource[] = [];

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
      url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
      await migrate(url);
      return this.another();
    },
    async another(): Promise<DataSource> {
      if (!url) throw new Error('open the database first');
      const pool = await createDataSource({ url, poolSize }).initialize();
      pools.push(pool);
      return pool;
    },
    async close(): Promise<void> {
      for (const pool of pools.splice(0)) if (pool.isInitialized) await pool.destroy();
      if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
