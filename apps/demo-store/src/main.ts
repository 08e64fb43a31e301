import { Pool } from 'pg';
import { ConfigError } from '@baton/config';
import { loadStoreConfig } from './config';
import { prepareStoreSchema } from './store-schema';
import { createStoreServer } from './store-server';

async function main() {
  const config = loadStoreConfig();
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 4, application_name: 'baton-demo-store' });
  await prepareStoreSchema(pool);
  const server = createStoreServer(pool, config);
  server.listen(config.DEMO_STORE_PORT, config.DEMO_STORE_HOST, () =>
    console.log(`Demo store listening on http://${config.DEMO_STORE_HOST}:${config.DEMO_STORE_PORT}`),
  );
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Demo store failed to start: ${error}`);
  process.exit(1);
});
