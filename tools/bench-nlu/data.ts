/** BANKING77 loading for the NLU bench (Node only). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Row {
  text: string;
  label: string;
}

export function banking77Dir(): string {
  const env = process.env['BANKING77_DIR'];
  if (env) return path.resolve(env);
  const repoRoot = path.resolve(__dirname, '../..');
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
