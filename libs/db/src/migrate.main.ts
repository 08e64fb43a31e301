import { z } from 'zod';
import { envUrl, loadConfig } from '@baton/config';
import { migrate } from './data-source';

async function main() {
  const { DATABASE_URL } = loadConfig(z.object({ DATABASE_URL: envUrl('postgres', 'postgresql') }));
  const applied = await migrate(DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
