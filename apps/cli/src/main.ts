#!/usr/bin/env node
/**
 * baton: the command line for engineers. Exit codes: 0 success, 1 the answer is "no" (invalid
 * flows, differences with --exit-code), 2 the command could not run (usage, network, server).
 */
import { parseArgs } from 'node:util';
import { findFlowFiles, readFlowFile } from './flow-files';
import { formatReports, validateFiles } from './commands/validate';

const USAGE = `Usage: baton flows <command> [options]

Commands:
  validate [files|folders]   check flow files (default: ./flows); exit 1 if any is invalid

Options:
  --json                     print one JSON document instead of text
  -h, --help                 show this help`;

export class UsageError extends Error {}

export async function run(argv: string[], out: (text: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  if (group !== 'flows') throw new UsageError(`unknown command group "${group}"`);
  switch (command) {
    case 'validate': {
      const reports = validateFiles(findFlowFiles(rest).map(readFlowFile));
      if (reports.length === 0) throw new UsageError('no flow files found (they end in .flow.json)');
      out(values.json ? JSON.stringify({ valid: reports.every((r) => r.valid), files: reports }, null, 2) : formatReports(reports));
      return reports.every((report) => report.valid) ? 0 : 1;
    }
    default:
      throw new UsageError(command ? `unknown flows command "${command}"` : 'a flows command is required');
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`baton: ${error instanceof Error ? error.message : error}`);
      if (error instanceof UsageError) console.error(USAGE);
      process.exit(2);
    },
  );
}
