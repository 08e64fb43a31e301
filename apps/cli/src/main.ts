#!/usr/bin/env node
/**
 * baton: the command line for engineers. Exit codes: 0 success, 1 the answer is "no" (invalid
 * flows, differences with --exit-code), 2 the command could not run (usage, network, server).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiClient } from './api-client';
import { formatDiff } from './commands/format-diff';
import { diffFile, listFlows, pullFlows, pushFiles } from './commands/remote';
import { formatReports, validateFiles } from './commands/validate';
import { findFlowFiles, readFlowFile } from './flow-files';

const USAGE = `Usage: baton flows <command> [options]

Commands:
  validate [files|folders]   check flow files (default: ./flows); exit 1 if any is invalid
  list                       the flows on the server, their current versions and drafts
  diff <file|name>...        what a local file changes against the published version
  push [files|folders]       publish the files that changed (validated first; same content twice = one version)
  pull [names]               write the published versions to <dir>/<name>.flow.json

Options:
  --json                     print one JSON document instead of text
  --api-url URL              the Baton API (default $BATON_API_URL or http://127.0.0.1:3000)
  --token TOKEN              API token (default $BATON_API_TOKEN)
  --author NAME              who publishes (push; default $USER)
  --message TEXT             publish message (push; default "Pushed from <files>")
  --dir FOLDER               where pull writes (default ./flows)
  --exit-code                diff: exit 1 when there are differences
  -h, --help                 show this help`;

export class UsageError extends Error {}

export async function run(argv: string[], out: (text: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'api-url': { type: 'string' },
      token: { type: 'string' },
      author: { type: 'string' },
      message: { type: 'string' },
      dir: { type: 'string', default: 'flows' },
      'exit-code': { type: 'boolean', default: false },
    },
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
    case 'list': {
      const flows = await listFlows(api());
      out(
        values.json
          ? JSON.stringify(flows, null, 2)
          : flows
              .map((f) => `${f.name.padEnd(32)} ${f.kind.padEnd(12)} ${f.currentVersion === null ? 'unpublished' : `v${f.currentVersion}`.padEnd(11)} ${f.hasUnpublishedChanges ? 'draft changed' : ''}`.trimEnd())
              .join('\n') || 'no flows',
      );
      return 0;
    }
    case 'push': {
      const files = findFlowFiles(rest).map(readFlowFile);
      const reports = validateFiles(files);
      if (reports.some((report) => !report.valid)) {
        out(values.json ? JSON.stringify({ pushed: [], files: reports }, null, 2) : `${formatReports(reports)}\nNothing pushed.`);
        return 1;
      }
      const pushed = await pushFiles(api(), files, {
        author: values.author ?? process.env.USER ?? 'cli',
        message: values.message ?? `Pushed from ${files.map((file) => file.name).join(', ')}`,
      });
      out(values.json ? JSON.stringify({ pushed }, null, 2) : pushed.map((p) => `${p.outcome.padEnd(9)} ${p.name} v${p.version}`).join('\n'));
      return 0;
    }
    case 'pull': {
      const written = await pullFlows(api(), rest, values.dir!);
      out(values.json ? JSON.stringify({ written }, null, 2) : written.map((w) => `wrote ${w.file} (v${w.version})`).join('\n') || 'nothing published');
      return 0;
    }
    case 'diff': {
      if (rest.length === 0) throw new UsageError('diff needs a flow file or name');
      const files = rest.map((target) => readFlowFile(existsSync(target) ? target : `${values.dir}/${target}.flow.json`));
      const diffs = [];
      for (const file of files) diffs.push(await diffFile(api(), file));
      out(
        values.json
          ? JSON.stringify(diffs, null, 2)
          : diffs.map((d) => `${d.name}: ${d.version === null ? 'not published yet' : `v${d.version}`} -> local\n${formatDiff(d.diff)}`).join('\n'),
      );
      return values['exit-code'] && diffs.some((d) => !d.diff.identical) ? 1 : 0;
    }
    default:
      throw new UsageError(command ? `unknown flows command "${command}"` : 'a flows command is required');
  }

  function api() {
    const token = values.token ?? process.env.BATON_API_TOKEN;
    if (!token) throw new UsageError('an API token is required: --token or BATON_API_TOKEN');
    return createApiClient({ baseUrl: values['api-url'] ?? process.env.BATON_API_URL ?? 'http://127.0.0.1:3000', token });
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
