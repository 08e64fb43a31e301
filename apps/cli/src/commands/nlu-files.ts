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

/** Header names read as the label column, the first found wins (BANKING77's CSVs say `category`). */
const LABEL_COLUMNS = ['label', 'intent', 'category'];

/** An utterance on one line: runs of white space (line breaks in a quoted cell, tabs) become one space. */
const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** Rows of a CSV with a text column and a label column (see LABEL_COLUMNS; any order, other columns ignored). */
export function labelledRowsFromCsv(source: string, file = 'the CSV'): LabelledText[] {
  const [header, ...rows] = parseCsv(source);
  const columns = (header ?? []).map((cell) => cell.trim().toLowerCase());
  const t = columns.indexOf('text');
  const l = LABEL_COLUMNS.map((name) => columns.indexOf(name)).find((index) => index >= 0) ?? -1;
  if (t < 0 || l < 0) throw new Error(`${file} needs a header with a text column and a label (or intent, category) column`);
  return rows.map((cells, i) => {
    const text = oneLine(cells[t] ?? '');
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
      return { text: oneLine(text), label };
    });
  }
  if (value === null || typeof value !== 'object') throw new Error(`${file} must hold an object of intents or an array of { text, label }`);
  const record = value as Record<string, unknown>;
  const examples = record.examples !== undefined && typeof record.examples === 'object' && !Array.isArray(record.examples) ? record.examples : record;
  return Object.entries(examples as Record<string, unknown>).flatMap(([label, texts]) => {
    if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) throw new Error(`${file}: ${label} must be an array of strings`);
    return texts.map((text: string) => ({ text: oneLine(text), label }));
  });
}

/**
 * The label as the API's intent slug: lower case, each run of other characters than letters, digits
 * and _ made one _, none at either end (`Refund_not_showing_up` -> `refund_not_showing_up`,
 * `reverted_card_payment?` -> `reverted_card_payment`).
 */
export function slugLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Labels as slugs, and which were renamed; two labels that would become one slug are refused.
 * Labels that cannot become a slug (nothing left, a leading digit) are kept for the API to refuse.
 */
export function slugLabels(rows: LabelledText[], file: string): { rows: LabelledText[]; renamed: Array<[string, string]> } {
  const slugs = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const { label } of rows) {
    if (slugs.has(label)) continue;
    const candidate = slugLabel(label);
    const slug = /^[a-z]/.test(candidate) ? candidate : label;
    const owner = owners.get(slug);
    if (owner !== undefined) throw new Error(`${file}: the labels "${owner}" and "${label}" would both be the intent "${slug}"`);
    owners.set(slug, label);
    slugs.set(label, slug);
  }
  return {
    rows: rows.map(({ text, label }) => ({ text, label: slugs.get(label) as string })),
    renamed: [...slugs].filter(([label, slug]) => label !== slug),
  };
}

/** Reads a `.csv` (text,label) or JSON file of labelled utterances, labels as slugs (see slugLabels). */
export function readLabelledFile(file: string): { rows: LabelledText[]; renamed: Array<[string, string]> } {
  const source = readFileSync(file, 'utf8');
  const name = path.basename(file);
  if (file.toLowerCase().endsWith('.csv')) return slugLabels(labelledRowsFromCsv(source, name), name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  return slugLabels(labelledRowsFromJson(parsed, name), name);
}

/** Labelled rows grouped as a training set: intent -> utterances, in first-seen order. */
export function groupByLabel(rows: LabelledText[]): Record<string, string[]> {
  const examples: Record<string, string[]> = {};
  for (const { text, label } of rows) (examples[label] ??= []).push(text);
  return examples;
}
