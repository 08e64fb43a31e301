/**
 * Training: TF-IDF feature views (and a mean-word-vector view when word vectors are given) +
 * one-vs-rest linear SVM; temperature calibration and an out-of-scope score learned from
 * cross-validation on the training data only (each fold also holds some intents out of training
 * entirely, to see what unknown intents look like); the operating threshold is chosen on those
 * out-of-fold scores.
 */
import { expectedCalibrationError, fitTemperature, softmaxInto, energy } from './calibration';
import { DEFAULT_FEATURES, FeatureSpace, prepareText, type FeatureConfig, type PreparedText } from './features';
import type { WordVectors } from './embedding';
import {
  argmax,
  calibrateFusion,
  classCentroids,
  DEFAULT_REFINE_BELOW,
  fusedProbabilities,
  headScores,
  nearestCentroidCosine,
  refinedOosFeatures,
  trainHead,
  type EncoderHeadParts,
  type SentenceEmbeddings,
} from './encoder-head';
import { DEFAULT_SVM, scoreRow, trainOvrSvm, type SvmOptions } from './linear';
import { IntentModel, centroidCosine, termMask, type IntentModelStats } from './model';
import { chooseThreshold, combinerScore, defaultCombiner, fitCombiner, oosFeatures, type OosCombiner } from './oos';
import { mulberry32, shuffleInPlace } from './random';
import { toCsr, type SparseVector } from './sparse';

export interface TrainingExample {
  text: string;
  label: string;
}

export interface TrainOptions {
  features?: FeatureConfig;
  /**
   * Static word vectors (e.g. from `wordVectorsFromWink`) for the embedding view of `features`; the
   * model keeps the subset it needs, so the source is not needed to load or run it.
   */
  wordVectors?: WordVectors;
  /**
   * Sentence-encoder embeddings of `examples` (same order): adds an encoder head that refines the
   * messages the term model is unsure of (see encoder-head.ts).
   */
  embeddings?: SentenceEmbeddings;
  /** Base confidence under which the encoder head is consulted (default 0.9). */
  refineBelow?: number;
  svm?: Partial<SvmOptions>;
  /** Cross-validation folds used for calibration and the OOS threshold (0 disables; default 3). */
  folds?: number;
  /** Share of intents held out of training in each fold to simulate out-of-scope messages (default 0.15). */
  heldOutIntentShare?: number;
  /**
   * Operating point: the OOS threshold maximises out-of-scope recall while cross-validated in-scope
   * accuracy (OOS verdicts count as errors) drops by at most this much (0..1, default 0.015).
   */
  maxInScopeAccuracyDrop?: number;
  /** Label of out-of-scope examples (default 'oos', case-insensitive). */
  oosLabel?: string;
  seed?: number;
  /** Progress callback: stage name and overall fraction done (0..1). */
  onProgress?: (stage: string, fraction: number) => void;
}

const DEFAULT_SHARE = 0.15;
/** The default operating point: see `TrainOptions.maxInScopeAccuracyDrop`. */
export const DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP = 0.015;

interface Prepared {
  p: PreparedText;
  /** Intent index, or -1 for out-of-scope rows. */
  y: number;
  /** Sentence embedding, when training with an encoder. */
  e?: Float32Array;
}

function computeCentroids(vectors: SparseVector[], y: ArrayLike<number>, K: number, D: number): Float32Array {
  const acc = new Float64Array(D * K);
  for (let i = 0; i < vectors.length; i++) {
    const k = y[i];
    if (k < 0) continue;
    const v = vectors[i];
    let n = 0;
    for (let p = 0; p < v.val.length; p++) n += v.val[p] * v.val[p];
    if (n === 0) continue;
    const inv = 1 / Math.sqrt(n);
    for (let p = 0; p < v.idx.length; p++) acc[v.idx[p] * K + k] += v.val[p] * inv;
  }
  const norms = new Float64Array(K);
  for (let j = 0; j < D; j++) for (let k = 0; k < K; k++) norms[k] += acc[j * K + k] ** 2;
  const out = new Float32Array(D * K);
  for (let j = 0; j < D; j++) {
    for (let k = 0; k < K; k++) {
      const n = Math.sqrt(norms[k]);
      out[j * K + k] = n > 0 ? acc[j * K + k] / n : 0;
    }
  }
  return out;
}

interface FoldPrediction {
  scores: Float64Array;
  cos: number;
  coverage: number;
  empty: boolean;
  /** The encoder head's scores and the cosine to the nearest class centroid of embeddings (with an encoder). */
  head?: Float64Array;
  embeddingCos?: number;
}

interface FittedFold {
  features: FeatureSpace;
  classes: number[];
  predict(p: PreparedText, embedding?: Float32Array): FoldPrediction;
}

function fitOn(rows: Prepared[], classes: number[], cfg: FeatureConfig, svm: SvmOptions, vectors?: WordVectors, encoderDim?: number): FittedFold {
  const local = new Map(classes.map((c, i) => [c, i]));
  const features = FeatureSpace.fit(cfg, rows.map((r) => r.p), vectors);
  const vecs = rows.map((r) => features.vectorizePrepared(r.p));
  const y = Int32Array.from(rows.map((r) => (r.y < 0 ? -1 : (local.get(r.y) ?? -1))));
  const X = toCsr(vecs, features.dim);
  const K = classes.length;
  const linear = trainOvrSvm(X, y, K, svm);
  const centroids = computeCentroids(vecs, y, K, features.dim);
  const known = termMask(centroids, K);
  const embeddings = encoderDim ? rows.map((r) => r.e as Float32Array) : undefined;
  const head = embeddings && encoderDim ? trainHead(embeddings, y, K, encoderDim) : undefined;
  const embeddingCentroids = embeddings && encoderDim ? classCentroids(embeddings, y, K, encoderDim) : undefined;
  return {
    features,
    classes,
    predict(p, embedding) {
      const v = features.vectorizePrepared(p);
      return {
        scores: scoreRow(linear, v.idx, v.val),
        cos: centroidCosine(centroids, K, v),
        coverage: features.coverage(p, known),
        empty: v.idx.length === 0,
        ...(head && embedding && embeddingCentroids
          ? { head: headScores(head, embedding), embeddingCos: nearestCentroidCosine(embeddingCentroids, K, embedding) }
          : {}),
      };
    },
  };
}

export function trainIntentModel(examples: TrainingExample[], options: TrainOptions = {}): IntentModel {
  const t0 = Date.now();
  const maxDrop = options.maxInScopeAccuracyDrop ?? DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP;
  if (!(maxDrop >= 0 && maxDrop <= 1)) throw new Error(`maxInScopeAccuracyDrop must be between 0 and 1 (got ${String(maxDrop)})`);
  const progress = options.onProgress ?? (() => undefined);
  const cfg = options.features ?? DEFAULT_FEATURES;
  const svm: SvmOptions = { ...DEFAULT_SVM, ...options.svm };
  const oosLabel = (options.oosLabel ?? 'oos').toLowerCase();
  const seed = options.seed ?? 1;

  const embeddings = options.embeddings;
  const encoderDim = embeddings?.encoder.dim;
  if (embeddings) {
    if (embeddings.vectors.length !== examples.length) {
      throw new Error(`embeddings: ${embeddings.vectors.length} vectors for ${examples.length} examples`);
    }
    const bad = embeddings.vectors.findIndex((v) => !(v instanceof Float32Array) || v.length !== encoderDim);
    if (bad >= 0) throw new Error(`embeddings: vector ${bad} is not ${String(encoderDim)} floats long`);
  }
  const clean = examples
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e && typeof e.text === 'string' && typeof e.label === 'string' && e.label.trim() !== '')
    .map(({ e, i }) => ({ text: e.text, label: e.label.trim(), embedding: embeddings?.vectors[i] }));
  const labels = [...new Set(clean.filter((e) => e.label.toLowerCase() !== oosLabel).map((e) => e.label))].sort();
  if (labels.length === 0) throw new Error('training needs at least one intent with examples');
  const li = new Map(labels.map((l, i) => [l, i]));
  const K = labels.length;
  progress('prepare', 0);
  const rows: Prepared[] = clean.map((e) => ({ p: prepareText(e.text), y: li.get(e.label) ?? -1, e: e.embedding }));

  // ---- cross-validation: calibration + OOS score + threshold (training data only) ----
  const counts = new Array<number>(K).fill(0);
  for (const r of rows) if (r.y >= 0) counts[r.y]++;
  const minCount = Math.min(...counts);
  const F = Math.min(options.folds ?? 3, minCount);
  let temperature = 1;
  let combiner: OosCombiner = defaultCombiner();
  let threshold = 0.5;
  let cvStats: IntentModelStats['cv'];
  const refineBelow = options.refineBelow ?? DEFAULT_REFINE_BELOW;
  let fusion: Omit<EncoderHeadParts, 'encoder' | 'linear' | 'refineBelow' | 'centroids'> | undefined;
  const canSimulate = F >= 2 && K >= 3;
  if (canSimulate) {
    const rand = mulberry32(seed);
    const fold = new Int32Array(rows.length);
    const byClass: number[][] = Array.from({ length: K + 1 }, () => []);
    rows.forEach((r, i) => byClass[r.y < 0 ? K : r.y].push(i));
    for (const list of byClass) {
      shuffleInPlace(list, rand);
      list.forEach((i, n) => (fold[i] = n % F));
    }
    const perm = labels.map((_, i) => i);
    shuffleInPlace(perm, rand);
    const h = Math.max(1, Math.min(K - 2, Math.round((options.heldOutIntentShare ?? DEFAULT_SHARE) * K)));
    /** Out-of-fold predictions: in-scope rows (with their local label) and out-of-scope ones (held out, or `oos`). */
    const inRows: Array<FoldPrediction & { y: number }> = [];
    const outRows: FoldPrediction[] = [];
    const heldTotal = new Set<number>();
    for (let f = 0; f < F; f++) {
      progress('cross-validation', (0.7 * f) / F);
      const held = new Set<number>();
      for (let t = 0; t < h; t++) held.add(perm[(f * h + t) % K]);
      held.forEach((c) => heldTotal.add(c));
      const trainRows = rows.filter((r, i) => fold[i] !== f && !held.has(r.y));
      const classes = labels.map((_, i) => i).filter((c) => !held.has(c));
      const local = new Map(classes.map((c, i) => [c, i]));
      const foldProgress = (trained: number) => progress('cross-validation', (0.7 * (f + trained / classes.length)) / F);
      const m = fitOn(trainRows, classes, cfg, { ...svm, onClassTrained: foldProgress }, options.wordVectors, encoderDim);
      rows.forEach((r, i) => {
        const isHeld = r.y >= 0 && held.has(r.y);
        if (!isHeld && fold[i] !== f) return;
        const out = m.predict(r.p, r.e);
        if (isHeld || r.y < 0) outRows.push(out);
        else inRows.push({ ...out, y: local.get(r.y) as number });
      });
    }
    progress('calibration', 0.7);
    temperature = fitTemperature(
      inRows.map((r) => r.scores),
      inRows.map((r) => r.y),
    );
    const fit = encoderDim
      ? calibrateFusion(
          inRows.map((r) => r.scores),
          temperature,
          inRows.map((r) => r.head as Float64Array),
          inRows.map((r) => r.y),
        )
      : undefined;
    // Each row as the model will run it: the term model's probabilities, refined by the head where it is unsure.
    const judge = (r: FoldPrediction) => {
      const probs = softmaxInto(r.scores, temperature, new Float64Array(r.scores.length));
      const termTop = argmax(probs);
      const term = oosFeatures({ probs, scores: r.scores, energy: energy(r.scores, temperature), centroidCos: r.cos, coverage: r.coverage });
      if (!fit || !r.head || r.empty || probs[termTop] >= refineBelow) return { probs, termTop, term, features: term, refined: false };
      const fused = fusedProbabilities(fit, r.scores, temperature, r.head, probs);
      return { probs: fused, termTop, term, features: refinedOosFeatures(term, fused, r.head, fit.headTemperature, r.embeddingCos ?? 0, r.coverage), refined: true };
    };
    const inJudged = inRows.map(judge);
    const outJudged = outRows.map(judge);
    const refinedOnly = (list: typeof inJudged) => list.filter((j) => j.refined).map((j) => j.features);
    // The term model's combiner reads every row, as it must when no embedding comes (no encoder in
    // the process); the refined one weighs its rows as balancing the whole set does, so that the
    // two scores share one scale and one threshold.
    const total = inJudged.length + outJudged.length;
    const weights = { in: total / (2 * Math.max(1, inJudged.length)), out: total / (2 * Math.max(1, outJudged.length)) };
    combiner = fitCombiner(
      inJudged.map((j) => j.term),
      outJudged.map((j) => j.term),
    );
    const refinedCombiner = fit ? fitCombiner(refinedOnly(inJudged), refinedOnly(outJudged), undefined, weights) : undefined;
    const oosScore = (r: FoldPrediction, j: (typeof inJudged)[number]) =>
      r.empty ? 1 : combinerScore(j.refined && refinedCombiner ? refinedCombiner : combiner, j.features);
    const inRes = inRows.map((r, i) => {
      const b = argmax(inJudged[i].probs);
      return { score: oosScore(r, inJudged[i]), correct: b === r.y, conf: inJudged[i].probs[b] };
    });
    const outRes = outRows.map((r, i) => oosScore(r, outJudged[i]));
    const point = chooseThreshold(inRes, outRes, maxDrop);
    threshold = point.threshold;
    if (fit && refinedCombiner) {
      // with the head, the threshold above; for the term model alone (no encoder at hand) its own
      fusion = { ...fit, combiner: refinedCombiner, threshold };
      const termScore = (r: FoldPrediction, j: (typeof inJudged)[number]) => (r.empty ? 1 : combinerScore(combiner, j.term));
      threshold = chooseThreshold(
        inRows.map((r, i) => ({ score: termScore(r, inJudged[i]), correct: inJudged[i].termTop === r.y })),
        outRows.map((r, i) => termScore(r, outJudged[i])),
        maxDrop,
      ).threshold;
    }
    cvStats = {
      accuracy: inRes.filter((r) => r.correct).length / Math.max(1, inRes.length),
      ece: expectedCalibrationError(
        inRes.map((r) => r.conf),
        inRes.map((r) => r.correct),
      ),
      heldOutIntents: heldTotal.size,
      inScopeAccuracyAtThreshold: point.inScopeAccuracy,
      outOfScopeRecallAtThreshold: point.outOfScopeRecall,
      ...(fit ? { refinedShare: inJudged.filter((j) => j.refined).length / Math.max(1, inJudged.length) } : {}),
    };
  }

  // ---- final model on all data ----
  progress('final model', 0.75);
  const features = FeatureSpace.fit(cfg, rows.map((r) => r.p), options.wordVectors);
  const vecs = rows.map((r) => features.vectorizePrepared(r.p));
  const y = Int32Array.from(rows.map((r) => r.y));
  const linear = trainOvrSvm(toCsr(vecs, features.dim), y, K, { ...svm, onClassTrained: (trained) => progress('final model', 0.75 + (0.2 * trained) / K) });
  const centroids = computeCentroids(vecs, y, K, features.dim);
  // the head needs the cross-validated fusion; with too few examples to cross-validate there is none
  let head: EncoderHeadParts | undefined;
  if (embeddings && fusion) {
    const vectors = rows.map((r) => r.e as Float32Array);
    const dim = embeddings.encoder.dim;
    head = { encoder: embeddings.encoder, linear: trainHead(vectors, y, K, dim), centroids: classCentroids(vectors, y, K, dim), refineBelow, ...fusion };
  }
  const model = new IntentModel({
    labels,
    features,
    linear,
    centroids,
    temperature,
    combiner,
    threshold,
    head,
    stats: {
      examples: rows.length,
      intents: K,
      oosExamples: rows.filter((r) => r.y < 0).length,
      features: features.dim,
      cv: cvStats,
      trainMs: Date.now() - t0,
    },
  });
  progress('done', 1);
  return model;
}
