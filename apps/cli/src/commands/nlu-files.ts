import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface LabelledText {
  text: string;
  label: string;
}

/** Parses CSV (RFC 4180 quoting: "a, ""b""") into rows of fields. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = source.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Rows of a CSV with a `text,label` header (columns in any order, other columns ignored). */
export function labelledRowsFromCsv(source: string, file = 'the CSV'): LabelledText[] {
  const [header, ...rows] = parseCsv(source);
  const columns = (header ?? []).map((cell) => cell.trim().toLowerCase());
  const [t, l] = [columns.indexOf('text'), columns.indexOf('label')];
  if (t < 0 || l < 0) throw new Error(`${file} needs a header with text and label columns`);
  return rows.map((cells, i) => {
    const text = (cells[t] ?? '').trim();
    const label = (cells[l] ?? '').trim();
    if (!text || !label) throw new Error(`${file} line ${i + 2}: text and label must not be empty`);
    return { text, label };
  });
}

/**
 * Labelled rows from JSON: `{ "examples": { intent: [...] } }`, `{ intent: [...] }` or
 * `[{ "text", "label" }]`.
 */
export function labelledRowsFromJson(value: unknown, file = 'the JSON file'): LabelledText[] {
  if (Array.isArray(value)) {
    return value.map((row, i) => {
      const { text, label } = (row ?? {}) as Partial<LabelledText>;
      if (typeof text !== 'string' || typeof label !== 'string') throw new Error(`${file} item ${i}: needs text and label strings`);
      return { text, label };
    });
  }
  if (value === null || typeof value !== 'object') throw new Error(`${file} must hold an object of intents or an array of { text, label }`);
  const record = value as Record<string, unknown>;
  const examples = record.examples !== undefined && typeof record.examples === 'object' && !Array.isArray(record.examples) ? record.examples : record;
  return Object.entries(examples as Record<string, unknown>).flatMap(([label, texts]) => {
    if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) throw new Error(`${file}: ${label} must be an array of strings`);
    return texts.map((text: string) => ({ text, label }));
  });
}

/** Reads a `.csv` (text,label) or JSON file of labelled utterances. */
export function readLabelledFile(file: string): LabelledText[] {
  const source = readFileSync(file, 'utf8');
  const name = path.basename(file);
  if (file.toLowerCase().endsWith('.csv')) return labelledRowsFromCsv(source, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  return labelledRowsFromJson(parsed, name);
}

/** Labelled rows grouped as a training set: intent -> utterances, in first-seen order. */
export function groupByLabel(rows: LabelledText[]): Record<string, string[]> {
  const examples: Record<string, string[]> = {};
  for (const { text, label } of rows) (examples[label] ??= []).push(text);
  return examples;
}
