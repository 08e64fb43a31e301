#!/usr/bin/env node
/**
 * baton: the command line for engineers. Exit codes: 0 success, 1 the answer is "no" (invalid
 * flows, differences with --exit-code), 2 the command could not run (usage, network, server).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_NLU_MODEL } from '@baton/contracts';
import { createApiClient } from './api-client';
import { formatDiff } from './commands/format-diff';
import { evaluateModel, formatEvaluation, formatTrained, formatVersions, listVersions, progressBar, trainModel } from './commands/nlu';
import { readLabelledFile } from './commands/nlu-files';
import { diffFile, listFlows, pullFlows, pushFiles } from './commands/remote';
import { formatReports, validateFiles } from './commands/validate';
import { findFlowFiles, readFlowFile } from './flow-files';

const USAGE = `Usage: baton flows <command> [options]
       baton nlu <command> [<model> | <file.csv|json>] [options]

Commands:
  validate [files|folders]   check flow files (default: ./flows); exit 1 if any is invalid
  list                       the flows on the server, their current versions and drafts
  diff <file|name>...        what a local file changes against the published version
  push [files|folders]       publish the files that changed (validated first; same content twice = one version)
  pull [names]               write the published versions to <dir>/<name>.flow.json

NLU commands (the model is ${DEFAULT_NLU_MODEL} unless named, as the argument or with --model;
a .csv or .json argument is the file):
  nlu train [model|file]     train a new version and make it current (a file uploads the training set
                             first); exit 1 if training failed
  nlu eval [model] <file>    classify labelled rows with the current version: accuracy, per-intent recall,
                             out-of-scope rate and recall; exit 1 under --min-accuracy
  nlu versions [model]       trained versions, * = current

Options:
  --json                     print one JSON document instead of text
  --api-url URL              the Baton API (default $BATON_API_URL or http://127.0.0.1:3000)
  --token TOKEN              API key or token (default $BATON_API_KEY, else $BATON_API_TOKEN); a key with
                             the designer role is enough for flows and nlu
  --author NAME              who publishes (push; default $USER)
  --message TEXT             publish message (push; default "Pushed from <files>")
  --dir FOLDER               where pull writes (default ./flows)
  --exit-code                diff: exit 1 when there are differences
  --file FILE                nlu: CSV with a text,label header, or JSON ({ "examples": { intent: [...] } } or [{ text, label }]);
                             rows labelled oos are out-of-scope examples
  --model NAME               nlu: the model (default ${DEFAULT_NLU_MODEL})
  --word-vectors             nlu train: add the GloVe word-vector view (slower to train)
  --encoder                  nlu train: add the sentence encoder's head, which refines the messages
                             the model is unsure of (more accurate; the server needs the encoder installed)
  --max-in-scope-drop PTS    nlu train: points of cross-validated in-scope accuracy the out-of-scope threshold
                             may give up to flag more out-of-scope messages (0-20, default 1.5)
  --min-accuracy PCT         nlu eval: exit 1 when accuracy is below PCT
  -h, --help                 show this help`;

export class UsageError extends Error {}

/** A decimal number of points from 0 to `max` given to `flag`, or undefined when the flag is absent. */
function points(raw: string | undefined, flag: string, max: number, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value <= max)) throw new UsageError(`${flag} must be ${what} from 0 to ${max}`);
  return value;
}

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
      file: { type: 'string' },
      model: { type: 'string' },
      'word-vectors': { type: 'boolean', default: false },
      encoder: { type: 'boolean', default: false },
      'max-in-scope-drop': { type: 'string' },
      'min-accuracy': { type: 'string' },
    },
  });
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  if (group === 'nlu') return nlu();
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

  async function nlu(): Promise<number> {
    const [target, extra] = rest;
    if (extra !== undefined) throw new UsageError(`nlu ${command} takes one model or file, not also "${extra}"`);
    const targetIsFile = target !== undefined && /\.(csv|json)$/i.test(target);
    if (targetIsFile && values.file !== undefined) throw new UsageError('give the file once: as the argument or with --file');
    if (target !== undefined && !targetIsFile && values.model !== undefined) throw new UsageError('give the model once: as the argument or with --model');
    const name = (targetIsFile ? undefined : target) ?? values.model ?? DEFAULT_NLU_MODEL;
    const file = targetIsFile ? target : values.file;
    const log = (text: string) => {
      if (!values.json) process.stderr.write(text);
    };
    const readRows = (path: string) => {
      const { rows, renamed } = readLabelledFile(path);
      if (renamed.length > 0) log(`labels read as intent slugs: ${renamed.map(([from, to]) => `${from} -> ${to}`).join(', ')}\n`);
      return rows;
    };
    switch (command) {
      case 'train': {
        const drop = points(values['max-in-scope-drop'], '--max-in-scope-drop', 20, 'a number of points');
        let waited = false;
        const rows = file ? readRows(file) : undefined;
        const result = await trainModel(api(), name, {
          rows,
          author: values.author ?? process.env.USER ?? 'cli',
          wordVectors: values['word-vectors']!,
          encoder: values.encoder!,
          maxInScopeAccuracyDrop: drop === undefined ? undefined : drop / 100,
          onWait: (seconds, version) => {
            waited = true;
            const stage = version.progress?.stage ?? 'waiting';
            log(`\r${progressBar(version.progress?.fraction ?? 0)} training ${name} v${version.version}: ${stage}, ${seconds}s`.padEnd(80));
          },
        });
        if (waited) log('\n');
        out(values.json ? JSON.stringify(result, null, 2) : formatTrained(result));
        return result.version.status === 'ready' ? 0 : 1;
      }
      case 'eval': {
        if (!file) throw new UsageError('nlu eval needs a file of labelled rows');
        const minAccuracy = points(values['min-accuracy'], '--min-accuracy', 100, 'a percentage') ?? null;
        const rows = readRows(file);
        if (rows.length === 0) throw new UsageError(`${file} holds no rows`);
        const report = await evaluateModel(api(), name, rows, (done, total) => {
          log(`\r${progressBar(done / total)} ${done}/${total}${done === total ? '\n' : ''}`);
        });
        out(values.json ? JSON.stringify(report, null, 2) : formatEvaluation(report));
        return minAccuracy !== null && report.accuracy < minAccuracy ? 1 : 0;
      }
      case 'versions': {
        const list = await listVersions(api(), name);
        out(values.json ? JSON.stringify(list, null, 2) : formatVersions(list));
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown nlu command "${command}"` : 'an nlu command is required');
    }
  }

  function api() {
    const token = values.token || process.env.BATON_API_KEY || process.env.BATON_API_TOKEN;
    if (!token) throw new UsageError('an API token is required: --token, BATON_API_KEY or BATON_API_TOKEN');
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
