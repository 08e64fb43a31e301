/**
 * NLU intent benchmark on BANKING77.
 *   node -r @swc-node/register tools/bench-nlu/main.ts [--json]
 * Data: ../shared/data/banking77 beside the repo, or BANKING77_DIR. Skips (exit 0) when absent.
 * Sentence encoder: all-MiniLM-L6-v2 (int8, ONNX), installed by tools/ensure-encoder.sh (the npm
 * script runs it first). The model is trained as `baton nlu train --encoder` trains it: the term
 * model, and an encoder head that refines the messages the term model is unsure of. Every figure
 * (training time included) counts the encoder's work.
 * Out-of-domain queries: ChatterBot's English corpus, installed by tools/ensure-chatterbot-corpus.sh
 * (the npm script runs it first; its figures are null when it is absent).
 * CLINC150, the public out-of-scope benchmark: its data folder in .tools/oos-eval/data or
 * CLINC150_DIR (no registry serves it; its figures are null when it is absent).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP, detectLanguage, expectedCalibrationError, IntentModel, mulberry32, shuffleInPlace, trainIntentModel, type IntentResult } from '@baton/nlu';
import { classifyIntent, SentenceEncoder, TRAINING_THREADS } from '@baton/db';
import { banking77Dir, chatterbotCorpusDir, clinc150Dir, loadClinc150, loadOutOfDomain, loadSplit, type Clinc150, type Row } from './data';

const json = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!json) console.log(...a);
};

/** A full garbage collection (exposed at run time, so the npm script needs no node flag). */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const OOS_HELD_OUT = 12;
const OOS_SEED = 2024;

function pct(n: number, d: number): number {
  return d ? Math.round((10000 * n) / d) / 100 : 0;
}

/** The encoder as the worker runs it (one thread per message) and as training runs it (two). */
let encoder: SentenceEncoder;
let trainingEncoder: SentenceEncoder;

/** Trains as the platform does with the encoder: embeddings of every example, then the model. */
async function train(rows: Row[]): Promise<{ model: IntentModel; embedSeconds: number; vectors: Float32Array[] }> {
  const started = performance.now();
  const vectors = await trainingEncoder.embed(rows.map((r) => r.text));
  const embedSeconds = Math.round((performance.now() - started) / 10) / 100;
  return { model: trainIntentModel(rows, { embeddings: { encoder: encoder.identity, vectors } }), embedSeconds, vectors };
}

/** Other operating points than the default (maxInScopeAccuracyDrop), each threshold chosen on the training data. */
const OPERATING_POINTS = [0.005, 0.01, 0.025, 0.04];
/** Other random choices of the held-out intents, to show how much the figure depends on the choice. */
const OTHER_HELD_OUT_SEEDS = [1, 2, 3, 4, 5];

interface HeldOutFigures {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  outOfDomainRecall: number | null;
}

const classify = (model: IntentModel, text: string): Promise<IntentResult> => classifyIntent(model, encoder, text);

async function results(model: IntentModel, rows: Row[]): Promise<IntentResult[]> {
  const out: IntentResult[] = [];
  for (const r of rows) out.push(await classify(model, r.text));
  return out;
}

function accuracy(res: IntentResult[], rows: Row[]): number {
  let ok = 0;
  rows.forEach((r, i) => {
    if (res[i].intents[0]?.label === r.label) ok++;
  });
  return pct(ok, rows.length);
}

/** Share of the in-scope rows answered with their intent and not judged out of scope. */
function accuracyAtThreshold(res: IntentResult[], rows: Row[]): number {
  return pct(rows.filter((r, i) => !res[i].outOfScope && res[i].intents[0]?.label === r.label).length, rows.length);
}

/** Share of the queries judged out of scope. */
async function flaggedShare(model: IntentModel, queries: string[]): Promise<number> {
  let flagged = 0;
  for (const q of queries) if ((await classify(model, q)).outOfScope) flagged++;
  return pct(flagged, queries.length);
}

/** Share of out-of-domain queries judged out of scope (null without the corpus). */
async function outOfDomainRecall(model: IntentModel, queries: string[] | null): Promise<number | null> {
  return queries && flaggedShare(model, queries);
}

interface Clinc150Figures {
  /** Top-1 accuracy on the in-scope test queries, before any out-of-scope verdict. */
  accuracy: number;
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  trainRows: number;
  testRows: number;
  outOfScopeQueries: number;
  trainSeconds: number;
  embedSeconds: number;
  /** The same, with the benchmark's 100 out-of-scope training queries added as `oos` examples. */
  withOutOfScopeExamples: { trainRows: number; inScopeAccuracy: number; outOfScopeRecall: number };
}

/** CLINC150 as a team would meet it: its 150 intents trained as the platform trains, its out-of-scope queries never seen. */
async function clinc150Figures(data: Clinc150): Promise<Clinc150Figures> {
  const started = performance.now();
  const { model, embedSeconds, vectors } = await train(data.train);
  const trainSeconds = Math.round((performance.now() - started) / 10) / 100;
  const answers = await results(model, data.test);
  const oosRows = data.oosTrain.map((text) => ({ text, label: 'oos' }));
  const rows = [...data.train, ...oosRows];
  const withOos = trainIntentModel(rows, {
    embeddings: { encoder: encoder.identity, vectors: [...vectors, ...(await trainingEncoder.embed(data.oosTrain))] },
  });
  return {
    accuracy: accuracy(answers, data.test),
    inScopeAccuracy: accuracyAtThreshold(answers, data.test),
    outOfScopeRecall: await flaggedShare(model, data.oosTest),
    trainRows: data.train.length,
    testRows: data.test.length,
    outOfScopeQueries: data.oosTest.length,
    trainSeconds,
    embedSeconds,
    withOutOfScopeExamples: {
      trainRows: rows.length,
      inScopeAccuracy: accuracyAtThreshold(await results(withOos, data.test), data.test),
      outOfScopeRecall: await flaggedShare(withOos, data.oosTest),
    },
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function auroc(pos: number[], neg: number[]): number {
  // probability that a random OOS row scores higher than a random in-scope row
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let sumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].p) sumPos += avg;
    i = j;
  }
  return (sumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length || 1);
}

async function main(): Promise<void> {
  const dir = banking77Dir();
  if (!fs.existsSync(`${dir}/train.csv`) || !fs.existsSync(`${dir}/test.csv`)) {
    const msg = `bench-nlu: BANKING77 not found at ${dir} (set BANKING77_DIR); skipping`;
    if (json) console.log(JSON.stringify({ skipped: true, reason: msg }));
    else console.log(msg);
    return;
  }
  const trainRows = loadSplit(dir, 'train.csv');
  const test = loadSplit(dir, 'test.csv');
  log(`BANKING77: ${trainRows.length} train / ${test.length} test utterances, ${new Set(trainRows.map((r) => r.label)).size} intents`);

  const threads = Number(process.env['BATON_ENCODER_THREADS'] || 1);
  const rssBefore = process.memoryUsage().rss;
  encoder = await SentenceEncoder.open({ threads });
  await encoder.embed(['warm up the session']);
  const encoderMB = Math.round((process.memoryUsage().rss - rssBefore) / 1e5) / 10;
  trainingEncoder = await SentenceEncoder.open({ threads: TRAINING_THREADS });
  log(
    `sentence encoder: ${encoder.identity.name} (${encoder.identity.dim} dimensions; ${threads} thread(s) per message, ` +
      `${TRAINING_THREADS} for training)`,
  );

  const oodDir = chatterbotCorpusDir();
  const outOfDomain = fs.existsSync(oodDir) ? loadOutOfDomain(oodDir) : null;
  log(
    outOfDomain
      ? `out-of-domain: ${outOfDomain.length} opening turns of ChatterBot's English dialogs (never trained on)`
      : `out-of-domain: no corpus at ${oodDir} (run tools/ensure-chatterbot-corpus.sh); those figures are skipped`,
  );

  // Read (and checked) now, so that a broken file fails before the long run, not after it.
  const clincDir = clinc150Dir();
  const clincFound = fs.existsSync(path.join(clincDir, 'data_full.json'));
  if (!clincFound && process.env['CLINC150_DIR']) throw new Error(`CLINC150_DIR: no data_full.json in ${clincDir}`);
  const clincData = clincFound ? loadClinc150(clincDir) : null;

  // ---- full training ----
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { model, embedSeconds, vectors: trainVectors } = await train(trainRows);
  const trainSeconds = Math.round((performance.now() - t0) / 10) / 100;
  // CPU time of this process: less sensitive than wall time to other load on a shared machine
  const cpu = process.cpuUsage(cpu0);
  const trainCpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
  const testResults = await results(model, test);
  const acc = accuracy(testResults, test);
  const refinedShare = pct(testResults.filter((r) => r.refinedBy).length, test.length);
  const termOnly = pct(test.filter((r) => model.classify(r.text, null).intents[0]?.label === r.label).length, test.length);
  const fullAtThreshold = accuracyAtThreshold(testResults, test);
  const fullOutOfDomain = await outOfDomainRecall(model, outOfDomain);
  log(
    `accuracy (train.csv -> test.csv): ${acc.toFixed(2)}%   [train ${trainSeconds}s wall (${embedSeconds}s of it embedding), ` +
      `${trainCpuSeconds}s CPU, ${model.stats.features} features]\n` +
      `  ${refinedShare.toFixed(2)}% of messages refined by the encoder (base confidence under ${model.head?.refineBelow}); the term model alone: ${termOnly.toFixed(2)}%\n` +
      `  at the out-of-scope threshold: in-scope accuracy ${fullAtThreshold.toFixed(2)}%` +
      (fullOutOfDomain === null ? '' : `, out-of-domain recall ${fullOutOfDomain.toFixed(2)}%`),
  );
  if (model.stats.cv) {
    const cv = model.stats.cv;
    log(
      `  cross-validated on train: accuracy ${(100 * cv.accuracy).toFixed(2)}%, ECE ${(100 * cv.ece).toFixed(2)}%, ` +
        `OOS threshold ${model.threshold.toFixed(3)} (in-scope ${(100 * cv.inScopeAccuracyAtThreshold).toFixed(2)}%, ` +
        `OOS recall ${(100 * cv.outOfScopeRecallAtThreshold).toFixed(2)}% on ${cv.heldOutIntents} held-out intents), T=${model.temperature.toFixed(3)}`,
    );
  }

  // ---- calibration on test (reported only) ----
  const conf = testResults.map((res) => res.intents[0].confidence);
  const corr = testResults.map((res, i) => res.intents[0].label === test[i].label);
  const ece = expectedCalibrationError(conf, corr, 15);
  log(`  test ECE (top-1 confidence): ${(100 * ece).toFixed(2)}%`);

  // ---- serialisation round trip ----
  const blob = JSON.stringify(model.serialize());
  const modelBytes = Buffer.byteLength(blob, 'utf8');
  const mem = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const gc = collectGarbage();
  gc();
  const memBefore = mem();
  const loaded = IntentModel.load(blob);
  gc();
  const loadedModelMB = Math.round(((mem() - memBefore) / 1e6) * 10) / 10;
  let same = 0;
  for (const [i, r] of test.entries()) {
    if (JSON.stringify(testResults[i]) === JSON.stringify(await classify(loaded, r.text))) same++;
  }
  log(`model: ${(modelBytes / 1e6).toFixed(2)} MB serialised; reload gives identical output on ${same}/${test.length} test messages`);

  // ---- latency ----
  for (let i = 0; i < 200; i++) await classify(loaded, test[i % test.length].text);
  const times: number[] = [];
  for (const r of test) {
    const s = performance.now();
    await classify(loaded, r.text);
    times.push(performance.now() - s);
  }
  const big = 'my card has not arrived yet, ' .repeat(400);
  const s = performance.now();
  await classify(loaded, big);
  const bigMs = performance.now() - s;
  times.sort((a, b) => a - b);
  const p50 = Math.round(quantile(times, 0.5) * 1000) / 1000;
  const p99 = Math.round(quantile(times, 0.99) * 1000) / 1000;
  log(`latency per message: p50 ${p50} ms, p99 ${p99} ms (a ${big.length}-char message: ${bigMs.toFixed(2)} ms)`);
  log(`memory of a loaded model (heap + array buffers, measured around IntentModel.load): ${loadedModelMB} MB`);
  log(`the encoder (ONNX Runtime and the model, resident memory once per process): ${encoderMB} MB`);

  // ---- language detection (triage runs it on every message) ----
  for (let i = 0; i < 200; i++) detectLanguage(test[i % test.length].text);
  const languageTimes: number[] = [];
  let english = 0;
  for (const r of test) {
    const started = performance.now();
    if (detectLanguage(r.text) === 'en') english++;
    languageTimes.push(performance.now() - started);
  }
  languageTimes.sort((a, b) => a - b);
  const languageStarted = performance.now();
  detectLanguage(big);
  const language = {
    p50Us: Math.round(quantile(languageTimes, 0.5) * 10000) / 10,
    p99Us: Math.round(quantile(languageTimes, 0.99) * 10000) / 10,
    longMessageUs: Math.round((performance.now() - languageStarted) * 10000) / 10,
    englishPercent: pct(english, test.length),
  };
  log(
    `language detection per message: p50 ${language.p50Us} µs, p99 ${language.p99Us} µs (the ${big.length}-char message: ${language.longMessageUs} µs); ` +
      `${language.englishPercent.toFixed(2)}% of the (English) test set read as en, the rest und`,
  );

  // ---- 10-shot ----
  const per = new Map<string, number>();
  const tenShot = trainRows.filter((r) => {
    const n = per.get(r.label) ?? 0;
    per.set(r.label, n + 1);
    return n < 10;
  });
  const { model: m10 } = await train(tenShot);
  const acc10 = accuracy(await results(m10, test), test);
  log(`accuracy, 10 examples per intent (first 10 in train.csv, ${tenShot.length} rows): ${acc10.toFixed(2)}%`);

  // ---- out-of-scope: intents held out of training ----
  const labels = [...new Set(trainRows.map((r) => r.label))].sort();
  const heldOut = (seed: number) => {
    const perm = [...labels];
    shuffleInPlace(perm, mulberry32(seed));
    return new Set(perm.slice(0, OOS_HELD_OUT));
  };
  /** Trained as the platform trains, without the held-out intents (their embeddings are the full model's). */
  const heldOutModel = (held: Set<string>, maxInScopeAccuracyDrop?: number) => {
    const keep = trainRows.map((_, i) => i).filter((i) => !held.has(trainRows[i].label));
    const embeddings = { encoder: encoder.identity, vectors: keep.map((i) => trainVectors[i]) };
    return trainIntentModel(keep.map((i) => trainRows[i]), { embeddings, maxInScopeAccuracyDrop });
  };
  /** In-scope accuracy at the model's threshold, and the share flagged of the held-out intents and of the out-of-domain queries. */
  const heldOutFigures = async (m: IntentModel, held: Set<string>, res?: IntentResult[]): Promise<HeldOutFigures> => {
    const answers = res ?? (await results(m, test));
    const inScope = test.filter((r) => !held.has(r.label));
    return {
      inScopeAccuracy: accuracyAtThreshold(answers.filter((_, i) => !held.has(test[i].label)), inScope),
      outOfScopeRecall: pct(answers.filter((x, i) => held.has(test[i].label) && x.outOfScope).length, test.length - inScope.length),
      outOfDomainRecall: await outOfDomainRecall(m, outOfDomain),
    };
  };
  const held = heldOut(OOS_SEED);
  const mOos = heldOutModel(held);
  const oosResults = await results(mOos, test);
  const defaults = await heldOutFigures(mOos, held, oosResults);
  const { inScopeAccuracy, outOfScopeRecall, outOfDomainRecall: heldOutDomain } = defaults;
  let inOkNoReject = 0;
  let inN = 0;
  const inScores: number[] = [];
  const outScores: number[] = [];
  for (const [i, r] of test.entries()) {
    const res = oosResults[i];
    if (held.has(r.label)) {
      outScores.push(res.oosScore);
    } else {
      inN++;
      if (res.intents[0].label === r.label) inOkNoReject++;
      inScores.push(res.oosScore);
    }
  }
  const oosAuroc = Math.round(auroc(outScores, inScores) * 10000) / 100;
  log(
    `out-of-scope (${OOS_HELD_OUT} intents held out of training, seed ${OOS_SEED}: ${[...held].join(', ')}):\n` +
      `  in-scope accuracy ${inScopeAccuracy.toFixed(2)}% (without OOS rejection ${pct(inOkNoReject, inN).toFixed(2)}%), ` +
      `OOS recall ${outOfScopeRecall.toFixed(2)}% on the held-out intents at threshold ${mOos.threshold.toFixed(3)} chosen on train; AUROC ${oosAuroc.toFixed(2)}` +
      (heldOutDomain === null ? '' : `\n  out-of-domain recall at the same threshold: ${heldOutDomain.toFixed(2)}%`),
  );

  // The same model trained for other operating points: what a team trades by choosing one.
  const operatingPoints: Array<{ maxInScopeAccuracyDrop: number } & HeldOutFigures> = [];
  for (const drop of [...OPERATING_POINTS, DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP].sort((a, b) => a - b)) {
    const figures =
      drop === DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP
        ? defaults
        : await heldOutFigures(heldOutModel(held, drop), held);
    const point = { maxInScopeAccuracyDrop: drop, ...figures };
    operatingPoints.push(point);
    log(
      `  trained for a drop of ${(100 * drop).toFixed(1)} points: in-scope ${point.inScopeAccuracy.toFixed(2)}%, ` +
        `held-out intents ${point.outOfScopeRecall.toFixed(2)}%` +
        (point.outOfDomainRecall === null ? '' : `, out-of-domain ${point.outOfDomainRecall.toFixed(2)}%`),
    );
  }

  // Other choices of the held-out intents, at the default operating point.
  const otherHeldOutSets: Array<{ seed: number; heldOutIntents: string[] } & HeldOutFigures> = [];
  for (const seed of OTHER_HELD_OUT_SEEDS) {
    const other = heldOut(seed);
    const figures = await heldOutFigures(heldOutModel(other), other);
    otherHeldOutSets.push({ seed, heldOutIntents: [...other], ...figures });
    log(
      `  intents held out with seed ${seed}: in-scope ${figures.inScopeAccuracy.toFixed(2)}%, held-out intents ${figures.outOfScopeRecall.toFixed(2)}%` +
        (figures.outOfDomainRecall === null ? '' : `, out-of-domain ${figures.outOfDomainRecall.toFixed(2)}%`),
    );
  }
  const recalls = [outOfScopeRecall, ...otherHeldOutSets.map((s) => s.outOfScopeRecall)];
  const recallAcrossSets = {
    mean: Math.round((100 * recalls.reduce((a, b) => a + b, 0)) / recalls.length) / 100,
    min: Math.min(...recalls),
    max: Math.max(...recalls),
  };
  log(
    `  held-out intents flagged across the ${recalls.length} choices: mean ${recallAcrossSets.mean.toFixed(2)}%, ` +
      `from ${recallAcrossSets.min.toFixed(2)}% to ${recallAcrossSets.max.toFixed(2)}%`,
  );

  // Trade-off curve on test (reporting only; the operating threshold above is chosen on train).
  const curve: Array<{ inScopeAccuracy: number; outOfScopeRecall: number; threshold: number }> = [];
  {
    const inRows: Array<{ s: number; ok: boolean }> = [];
    for (const [i, r] of test.entries()) {
      if (held.has(r.label)) continue;
      const res = oosResults[i];
      inRows.push({ s: res.oosScore, ok: res.intents[0].label === r.label });
    }
    const cands = [...new Set([...inRows.map((x) => x.s), ...outScores])].sort((a, b) => b - a);
    const targets = [93, 92, 91, 90, 88, 85];
    for (const target of targets) {
      let best: (typeof curve)[number] | undefined;
      for (const t of cands) {
        const acc = pct(inRows.filter((x) => x.ok && x.s < t).length, inRows.length);
        if (acc < target) break;
        best = { inScopeAccuracy: acc, outOfScopeRecall: pct(outScores.filter((x) => x >= t).length, outScores.length), threshold: t };
      }
      if (best) curve.push(best);
    }
    for (const c of curve) log(`  (test-tuned, for reference) in-scope ${c.inScopeAccuracy.toFixed(2)}% -> OOS recall ${c.outOfScopeRecall.toFixed(2)}%`);
  }

  // ---- CLINC150: the public out-of-scope benchmark ----
  const clinc = clincData && (await clinc150Figures(clincData));
  log(
    clinc
      ? `CLINC150 (${clinc.trainRows} train / ${clinc.testRows} in-scope test queries, ${clinc.outOfScopeQueries} out-of-scope ones never trained on): ` +
          `accuracy ${clinc.accuracy.toFixed(2)}% [train ${clinc.trainSeconds}s, ${clinc.embedSeconds}s of it embedding]\n` +
          `  at the threshold chosen on train: in-scope accuracy ${clinc.inScopeAccuracy.toFixed(2)}%, out-of-scope recall ${clinc.outOfScopeRecall.toFixed(2)}%\n` +
          `  with its ${clinc.withOutOfScopeExamples.trainRows - clinc.trainRows} out-of-scope training queries as oos examples: ` +
          `in-scope ${clinc.withOutOfScopeExamples.inScopeAccuracy.toFixed(2)}%, out-of-scope recall ${clinc.withOutOfScopeExamples.outOfScopeRecall.toFixed(2)}%`
      : `CLINC150: no data_full.json in ${clincDir} (see the README); its figures are skipped`,
  );

  const result = {
    banking77: {
      accuracy: acc,
      accuracy10shot: acc10,
      termModelAccuracy: termOnly,
      refinedPercent: refinedShare,
      inScopeAccuracyAtThreshold: fullAtThreshold,
      outOfDomainRecall: fullOutOfDomain,
      ece: Math.round(ece * 10000) / 100,
      trainRows: trainRows.length,
      testRows: test.length,
    },
    oos: {
      inScopeAccuracy,
      outOfScopeRecall,
      outOfDomainRecall: heldOutDomain,
      outOfDomainQueries: outOfDomain?.length ?? 0,
      inScopeAccuracyWithoutRejection: pct(inOkNoReject, inN),
      auroc: oosAuroc,
      threshold: mOos.threshold,
      heldOutIntents: [...held],
      operatingPoints,
      otherHeldOutSets,
      outOfScopeRecallAcrossSets: recallAcrossSets,
      curveTestTuned: curve,
    },
    clinc150: clinc,
    latencyMs: { p50, p99, longMessage: Math.round(bigMs * 1000) / 1000 },
    language,
    trainSeconds,
    trainCpuSeconds,
    embedSeconds,
    encoder: { name: encoder.identity.name, threads },
    encoderMB,
    modelBytes,
    loadedModelMB,
    roundTripIdentical: same === test.length,
  };
  if (json) console.log(JSON.stringify(result));
  await encoder.close();
  await trainingEncoder.close();
}

void main();
