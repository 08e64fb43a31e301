/** The NLU bench's data (Node only): BANKING77, out-of-domain queries from ChatterBot's corpus, and CLINC150. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load as loadYaml } from 'js-yaml';

export interface Row {
  text: string;
  label: string;
}

const repoRoot = path.resolve(__dirname, '../..');

export function banking77Dir(): string {
  const env = process.env['BANKING77_DIR'];
  if (env) return path.resolve(env);
  return path.resolve(repoRoot, '../shared/data/banking77');
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function loadSplit(dir: string, file: 'train.csv' | 'test.csv'): Row[] {
  const rows = parseCsv(fs.readFileSync(path.join(dir, file), 'utf8'));
  const header = rows[0].map((h) => h.trim());
  const ti = header.indexOf('text');
  const li = header.indexOf('category') >= 0 ? header.indexOf('category') : header.indexOf('label');
  if (ti < 0 || li < 0) throw new Error(`${file}: expected columns text,category`);
  return rows.slice(1).map((r) => ({ text: r[ti], label: r[li] }));
}

/** Where tools/ensure-chatterbot-corpus.sh puts ChatterBot's English dialogs. */
export function chatterbotCorpusDir(): string {
  return path.resolve(process.env['CHATTERBOT_CORPUS_DIR'] || path.join(repoRoot, '.tools/chatterbot-corpus'), 'english');
}

/**
 * Out-of-domain queries: the opening turn of every dialog in the corpus's YAML files (a dialog is a
 * list of turns, the user's first), trimmed and without repeats (ignoring case). Nothing is left out
 * by topic, so the few that a bank might answer (a forgotten password) count as misses when the
 * model answers them.
 */
export function loadOutOfDomain(dir: string): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: no .yml dialog files`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    const doc = loadYaml(fs.readFileSync(path.join(dir, f), 'utf8')) as { conversations?: unknown } | null;
    const dialogs = doc?.conversations;
    if (!Array.isArray(dialogs)) throw new Error(`${f}: expected a list of conversations`);
    for (const d of dialogs) {
      const first = Array.isArray(d) ? d[0] : undefined;
      if (typeof first !== 'string') continue;
      const text = first.trim();
      const key = text.toLowerCase();
      if (text === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(text);
    }
  }
  return out;
}

/**
 * CLINC150 (Larson et al., 2019), the public out-of-scope benchmark: the `data` folder of
 * github.com/clinc/oos-eval (CC BY 3.0). No registry serves it, so the bench reads it only where a
 * user has put it.
 */
export function clinc150Dir(): string {
  return path.resolve(process.env['CLINC150_DIR'] || path.join(repoRoot, '.tools/oos-eval/data'));
}

export interface Clinc150 {
  train: Row[];
  test: Row[];
  /** Out-of-scope queries: a hundred to train on, a thousand to score. */
  oosTrain: string[];
  oosTest: string[];
}

const CLINC_OOS = 'oos';

/** Reads `data_full.json`: each split a list of [text, label] pairs, the out-of-scope ones labelled `oos`. */
export function loadClinc150(dir: string): Clinc150 {
  const file = path.join(dir, 'data_full.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const split = (name: string, outOfScope: boolean): Row[] => {
    const pairs = doc[name];
    if (!Array.isArray(pairs) || pairs.length === 0) throw new Error(`${file}: "${name}" is not a list of [text, label] pairs`);
    return pairs.map((p: unknown, i) => {
      if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
        throw new Error(`${file}: ${name}[${i}] is not a [text, label] pair`);
      }
      if ((p[1] === CLINC_OOS) !== outOfScope) {
        throw new Error(`${file}: ${name}[${i}] is labelled "${p[1]}"${outOfScope ? `, not "${CLINC_OOS}"` : ''}`);
      }
      return { text: p[0], label: p[1] };
    });
  };
  return {
    train: split('train', false),
    test: split('test', false),
    oosTrain: split('oos_train', true).map((r) => r.text),
    oosTest: split('oos_test', true).map((r) => r.text),
  };
}
