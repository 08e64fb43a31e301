import 'reflect-metadata';
import { ConfigError } from '@baton/config';
import { createApp } from './app';
import { loadApiConfig } from './config';

async function main() {
  const config = loadApiConfig();
  const app = await createApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  console.log(`API listening on http://${config.API_HOST}:${config.API_PORT} (docs at /docs)`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
