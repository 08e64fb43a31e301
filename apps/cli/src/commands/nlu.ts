import { setTimeout as sleep } from 'node:timers/promises';
import { type NluClassification, type NluModelVersionList, type NluModelVersionView, OUT_OF_SCOPE_LABEL, type TrainingSetView } from '@baton/contracts';
import type { ApiClient } from '../api-client';
import { groupByLabel, type LabelledText } from './nlu-files';

const modelPath = (name: string) => `/nlu/models/${encodeURIComponent(name)}`;

export interface TrainResult {
  trainingSet: TrainingSetView | null;
  version: NluModelVersionView;
}

/**
 * Uploads the training set when rows are given, trains a new version and waits until it is ready or
 * failed (the API answers at once for large sets; the versions list then tells when it is done).
 */
export async function trainModel(
  api: ApiClient,
  name: string,
  options: {
    rows?: LabelledText[];
    author: string;
    wordVectors: boolean;
    encoder?: boolean;
    /** The out-of-scope threshold's operating point (a share of in-scope accuracy; the server's default when absent). */
    maxInScopeAccuracyDrop?: number;
    pollMs?: number;
    timeoutMs?: number;
    /** Called after each look at a version still training. */
    onWait?: (seconds: number, version: NluModelVersionView) => void;
  },
): Promise<TrainResult> {
  const trainingSet = options.rows
    ? await api.put<TrainingSetView>(`${modelPath(name)}/training-set`, { examples: groupByLabel(options.rows), author: options.author })
    : null;
  let version = await api.post<NluModelVersionView>(`${modelPath(name)}/train`, {
    author: options.author,
    wordVectors: options.wordVectors,
    encoder: options.encoder ?? false,
    maxInScopeAccuracyDrop: options.maxInScopeAccuracyDrop,
  });
  const started = Date.now();
  while (version.status === 'training') {
    if (Date.now() - started > (options.timeoutMs ?? 30 * 60_000)) throw new Error(`${name} v${version.version} is still training; follow it with "baton nlu versions ${name}"`);
    await sleep(options.pollMs ?? 1000);
    const list = await api.get<NluModelVersionList>(`${modelPath(name)}/versions`);
    version = list.versions.find((v) => v.version === version.version) ?? version;
    if (version.status === 'training') options.onWait?.(Math.round((Date.now() - started) / 1000), version);
  }
  return { trainingSet, version };
}

export const listVersions = (api: ApiClient, name: string) => api.get<NluModelVersionList>(`${modelPath(name)}/versions`);

export interface IntentRecall {
  label: string;
  examples: number;
  correct: number;
  recall: number;
  /** Intents this one was mistaken for, most frequent first (`oos` = judged out of scope). */
  confusedWith: { label: string; count: number }[];
}

export interface EvalReport {
  name: string;
  version: number | null;
  rows: number;
  /** Percentages (0..100) of the in-scope rows: right intent and not judged out of scope. */
  accuracy: number;
  /** Share of in-scope rows the model judged out of scope. */
  outOfScopeRate: number;
  /** Rows labelled `oos`, and the share of them judged out of scope (null without such rows). */
  oosRows: number;
  outOfScopeRecall: number | null;
  perIntent: IntentRecall[];
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((10_000 * part) / whole) / 100);

/** Scores classifications of labelled rows. */
export function scoreEvaluation(name: string, rows: LabelledText[], answers: NluClassification[]): EvalReport {
  const intents = new Map<string, { examples: number; correct: number; confused: Map<string, number> }>();
  let inScope = 0;
  let correct = 0;
  let flagged = 0;
  let oosRows = 0;
  let oosCaught = 0;
  rows.forEach((row, i) => {
    const answer = answers[i];
    if (row.label.toLowerCase() === OUT_OF_SCOPE_LABEL) {
      oosRows++;
      if (answer.outOfScope) oosCaught++;
      return;
    }
    inScope++;
    const stats = intents.get(row.label) ?? { examples: 0, correct: 0, confused: new Map<string, number>() };
    intents.set(row.label, stats);
    stats.examples++;
    const predicted = answer.outOfScope ? OUT_OF_SCOPE_LABEL : (answer.intents[0]?.label ?? OUT_OF_SCOPE_LABEL);
    if (answer.outOfScope) flagged++;
    if (predicted === row.label) {
      correct++;
      stats.correct++;
    } else stats.confused.set(predicted, (stats.confused.get(predicted) ?? 0) + 1);
  });
  const perIntent = [...intents.entries()]
    .map(([label, s]) => ({
      label,
      examples: s.examples,
      correct: s.correct,
      recall: pct(s.correct, s.examples),
      confusedWith: [...s.confused.entries()].map(([other, count]) => ({ label: other, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => a.recall - b.recall || a.label.localeCompare(b.label));
  return {
    name,
    version: answers[0]?.version ?? null,
    rows: rows.length,
    accuracy: pct(correct, inScope),
    outOfScopeRate: pct(flagged, inScope),
    oosRows,
    outOfScopeRecall: oosRows === 0 ? null : pct(oosCaught, oosRows),
    perIntent,
  };
}

/** Classifies every row with the model's current version (a few requests at a time) and scores the answers. */
export async function evaluateModel(
  api: ApiClient,
  name: string,
  rows: LabelledText[],
  onProgress: (done: number, total: number) => void = () => undefined,
  concurrency = 4,
): Promise<EvalReport> {
  const answers: NluClassification[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < rows.length) {
      const i = next++;
      answers[i] = await api.post<NluClassification>(`${modelPath(name)}/classify`, { text: rows[i].text });
      onProgress(++done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
  return scoreEvaluation(name, rows, answers);
}

export function formatEvaluation(report: EvalReport, worst = 5): string {
  const lines = [
    `${report.name} v${report.version ?? '-'}: ${report.rows} rows`,
    `accuracy ${report.accuracy}% (in-scope rows judged out of scope: ${report.outOfScopeRate}%)`,
    report.outOfScopeRecall === null ? 'no rows labelled oos: out-of-scope recall not measured' : `out-of-scope recall ${report.outOfScopeRecall}% of ${report.oosRows} oos rows`,
    'worst intents:',
    ...report.perIntent
      .slice(0, worst)
      .map(
        (i) =>
          `  ${i.label.padEnd(24)} recall ${`${i.recall}%`.padStart(7)} (${i.correct}/${i.examples})${i.confusedWith.length ? `  confused with ${i.confusedWith.slice(0, 3).map((c) => `${c.label} x${c.count}`).join(', ')}` : ''}`,
      ),
  ];
  return lines.join('\n');
}

/** A 20-character progress bar: `[#####...............]  25%`. */
export function progressBar(fraction: number): string {
  const share = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(20 * share);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(100 * share)).padStart(3)}%`;
}

export function formatVersions(list: NluModelVersionList): string {
  if (list.versions.length === 0) return `${list.name}: no versions trained`;
  return list.versions
    .map((v) => {
      const s = v.summary;
      const oos =
        s?.cvInScopeAccuracyAtThreshold == null || s.cvOutOfScopeRecallAtThreshold == null
          ? ''
          : `, out of scope: ${pct(s.cvOutOfScopeRecallAtThreshold, 1)}% flagged at ${pct(s.cvInScopeAccuracyAtThreshold, 1)}% in-scope accuracy`;
      const figures = s
        ? `${s.examples} utterances, ${s.intents} intents, cv accuracy ${s.cvAccuracy === null ? '-' : `${pct(s.cvAccuracy, 1)}%`}${oos}, ${s.trainMs} ms`
        : (v.error ?? '');
      return `${v.current ? '*' : ' '} v${String(v.version).padEnd(4)} ${v.status.padEnd(8)} ${v.createdAt}  ${v.author.padEnd(16)} ${figures}`.trimEnd();
    })
    .join('\n');
}

export function formatTrained({ trainingSet, version }: TrainResult): string {
  const head = trainingSet ? `uploaded ${trainingSet.utterances} utterances in ${trainingSet.intents} intents\n` : '';
  if (version.status !== 'ready') return `${head}${version.name} v${version.version} ${version.status}: ${version.error ?? ''}`.trimEnd();
  return `${head}${formatVersions({ name: version.name, currentVersion: version.version, versions: [version] })}`;
}
