import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from './bundle';

/** Writes the workflow bundle that production workers (and the test harness) load. */
async function main() {
  const target = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflows();
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, code);
  console.log(`Workflow bundle written to ${path.relative(process.cwd(), target)} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
