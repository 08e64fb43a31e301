/**
 * Embedded PostgreSQL: PGlite persisted under a data directory, served over the
 * PostgreSQL wire protocol so TypeORM and pg use the same code path as against
 * a real server. Run as a child of the launcher.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { envPort, loadConfig } from '@baton/config';

const config = loadConfig(
  z.object({
    PGLITE_DATA_DIR: z.string().min(1),
    PGLITE_PORT: envPort(54329),
    PGLITE_MAX_CONNECTIONS: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('32'),
  }),
);

async function main() {
  mkdirSync(config.PGLITE_DATA_DIR, { recursive: true });
  const db = await PGlite.create({ dataDir: config.PGLITE_DATA_DIR });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: config.PGLITE_PORT,
    maxConnections: config.PGLITE_MAX_CONNECTIONS,
  });
  await server.start();
  console.log(`PGlite listening on 127.0.0.1:${config.PGLITE_PORT}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`PGlite failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
