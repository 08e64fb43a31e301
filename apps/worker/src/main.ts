import { ConfigError } from '@baton/config';
import { loadWorkerConfig } from './config';
import { createWorkers } from './worker';

async function main() {
  const config = loadWorkerConfig();
  const workers = await createWorkers(config);
  // The SDK's own signal handling shuts the workers down gracefully on SIGINT/SIGTERM.
  console.log(`Worker polling ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`);
  await workers.run();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
