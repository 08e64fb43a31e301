/**
 * The trained intent model: feature space, one-vs-rest linear scores, temperature-calibrated softmax
 * confidences and an out-of-scope verdict. Pure (no I/O); serialises to JSON and loads back with
 * identical predictions.
 */
import { softmaxInto, energy } from './calibration';
import {
  base64ToFloat32,
  base64ToInt32,
  base64ToInt8,
  float32ToBase64,
  int32ToBase64,
  int8ToBase64,
} from './codec';
import {
  argmax,
  fusedProbabilities,
  headScores as scoreHead,
  nearestCentroidCosine,
  refinedOosFeatures,
  type EncoderHeadParts,
  type EncoderIdentity,
} from './encoder-head';
import { FeatureSpace, prepareText, type SerializedFeatureSpace } from './features';
import { scoreRow, type LinearModel } from './linear';
import { combinerScore, oosFeatures, type OosCombiner } from './oos';
import type { SparseVector } from './sparse';

export const MODEL_FORMAT = 'baton.intent-model';
export const MODEL_VERSION = 2;

export interface IntentScore {
  label: string;
  /** Calibrated probability (0..1) among the known intents. */
  confidence: number;
}

export interface IntentResult {
  /** Up to 5 intents, most likely first. */
  intents: IntentScore[];
  /** True when the message matches no known intent well enough. */
  outOfScope: boolean;
  /** Out-of-scope score in 0..1 (higher = more likely out of scope); compared to `threshold`. */
  oosScore: number;
  threshold: number;
  /** The sentence encoder whose embedding refined the intents (the term model alone when absent). */
  refinedBy?: string;
  /**
   * The model has an encoder head and is unsure of this message: classify again with the message's
   * embedding to refine the intents.
   */
  wantsEmbedding?: boolean;
}

export interface IntentModelStats {
  examples: number;
  intents: number;
  oosExamples: number;
  features: number;
  /** Cross-validated figures on the training data (absent when the data was too small for it). */
  cv?: {
    accuracy: number;
    ece: number;
    heldOutIntents: number;
    inScopeAccuracyAtThreshold: number;
    outOfScopeRecallAtThreshold: number;
    /** Share of messages the encoder head refined (with an encoder only); `accuracy` counts its answers. */
    refinedShare?: number;
  };
  trainMs: number;
}

export interface IntentModelParts {
  labels: string[];
  features: FeatureSpace;
  linear: LinearModel;
  /** Class centroids (unit length), feature-major dense like `linear.weights`. */
  centroids: Float32Array;
  temperature: number;
  combiner: OosCombiner;
  threshold: number;
  /** Encoder head, when trained with sentence embeddings. */
  head?: EncoderHeadParts;
  stats: IntentModelStats;
}

interface SerializedHead {
  encoder: EncoderIdentity;
  weights: { encoding: 'int8-rowscale'; data: string; scales: string };
  bias: number[];
  centroids: string;
  combiner: OosCombiner;
  threshold: number;
  headTemperature: number;
  weight: number;
  fusedTemperature: number;
  refineBelow: number;
}

export interface SerializedIntentModel {
  format: typeof MODEL_FORMAT;
  version: number;
  labels: string[];
  features: SerializedFeatureSpace;
  weights: { encoding: 'int8-rowscale'; dim: number; classes: number; data: string; scales: string };
  bias: number[];
  centroids: { ptr: number[]; idx: string; val: string };
  temperature: number;
  oos: { combiner: OosCombiner; threshold: number };
  /** Absent in models trained without a sentence encoder (older loaders ignore it and use the term model alone). */
  encoderHead?: SerializedHead;
  stats: IntentModelStats;
}

const TOP = 5;

/**
 * Quantises feature-major weights to int8 with one scale per feature row; returns the dequantised
 * weights (what the model uses) and the payload.
 */
export function quantizeWeights(w: Float32Array, dim: number, K: number): { deq: Float32Array; q: Int8Array; scales: Float32Array } {
  const q = new Int8Array(dim * K);
  const scales = new Float32Array(dim);
  const deq = new Float32Array(dim * K);
  for (let j = 0; j < dim; j++) {
    let mx = 0;
    const base = j * K;
    for (let k = 0; k < K; k++) mx = Math.max(mx, Math.abs(w[base + k]));
    const sc = Math.fround(mx / 127);
    scales[j] = sc;
    for (let k = 0; k < K; k++) {
      const v = sc > 0 ? Math.max(-127, Math.min(127, Math.round(w[base + k] / sc))) : 0;
      q[base + k] = v;
      deq[base + k] = v * sc;
    }
  }
  return { deq, q, scales };
}

function dequantize(q: Int8Array, scales: Float32Array, dim: number, K: number): Float32Array {
  const out = new Float32Array(dim * K);
  for (let j = 0; j < dim; j++) {
    const sc = scales[j];
    const base = j * K;
    for (let k = 0; k < K; k++) out[base + k] = q[base + k] * sc;
  }
  return out;
}

/** What the term model read in a message, before any refinement. */
interface Reading {
  /** No known feature in the message. */
  empty: boolean;
  coverage: number;
  scores: Float64Array;
  probs: Float64Array;
  features: number[];
  oosScore: number;
}

export class IntentModel {
  readonly labels: string[];
  readonly features: FeatureSpace;
  readonly linear: LinearModel;
  readonly centroids: Float32Array;
  readonly temperature: number;
  readonly combiner: OosCombiner;
  readonly threshold: number;
  readonly stats: IntentModelStats;
  readonly head?: EncoderHeadParts;
  private readonly qHead?: { q: Int8Array; scales: Float32Array };
  private readonly qWeights: Int8Array;
  private readonly qScales: Float32Array;
  private readonly scratchScores: Float64Array;
  private readonly scratchProbs: Float64Array;
  private readonly scratchCos: Float64Array;
  /** Columns seen in at least one in-scope training example (non-zero in some centroid). */
  private readonly inScopeTerms: Uint8Array;

  /** Builds a model from trained parts; weights are quantised here so that a loaded copy is identical. */
  constructor(parts: IntentModelParts, quantized?: { q: Int8Array; scales: Float32Array; head?: { q: Int8Array; scales: Float32Array } }) {
    this.labels = parts.labels;
    this.features = parts.features;
    const K = parts.labels.length;
    if (parts.linear.classes !== K) throw new Error('label count does not match the linear model');
    if (quantized) {
      this.qWeights = quantized.q;
      this.qScales = quantized.scales;
      this.linear = parts.linear;
    } else {
      const { deq, q, scales } = quantizeWeights(parts.linear.weights, parts.linear.dim, K);
      this.qWeights = q;
      this.qScales = scales;
      this.linear = { ...parts.linear, weights: deq };
    }
    if (parts.head) {
      const h = parts.head;
      if (h.linear.classes !== K || h.linear.dim !== h.encoder.dim) throw new Error('the encoder head does not match the model');
      if (quantized?.head) {
        this.qHead = quantized.head;
        this.head = h;
      } else {
        const { deq, q, scales } = quantizeWeights(h.linear.weights, h.linear.dim, K);
        this.qHead = { q, scales };
        this.head = { ...h, linear: { ...h.linear, weights: deq } };
      }
    }
    this.centroids = parts.centroids;
    this.temperature = parts.temperature;
    this.combiner = parts.combiner;
    this.threshold = parts.threshold;
    this.stats = parts.stats;
    this.scratchScores = new Float64Array(K);
    this.scratchProbs = new Float64Array(K);
    this.scratchCos = new Float64Array(K);
    this.inScopeTerms = termMask(this.centroids, K);
  }

  get intentLabels(): readonly string[] {
    return this.labels;
  }

  /** The sentence encoder this model's head was trained with, if any: only its embeddings may be passed to `classify`. */
  get encoder(): EncoderIdentity | undefined {
    return this.head?.encoder;
  }

  /** Raw decision scores, calibrated probabilities and OOS score for a vectorised message (the term model alone). */
  private evaluate(v: SparseVector, coverage: number): { scores: Float64Array; probs: Float64Array; features: number[]; oosScore: number } {
    const scores = scoreRow(this.linear, v.idx, v.val, this.scratchScores);
    const probs = softmaxInto(scores, this.temperature, this.scratchProbs);
    if (v.idx.length === 0) return { scores, probs, features: [], oosScore: 1 };
    const cos = centroidCosine(this.centroids, this.labels.length, v, this.scratchCos);
    const features = oosFeatures({ probs, scores, energy: energy(scores, this.temperature), centroidCos: cos, coverage });
    return { scores, probs, features, oosScore: combinerScore(this.combiner, features) };
  }

  /** The term model's reading of a message (its scores and probabilities live in scratch buffers until the next read). */
  private read(text: unknown): Reading {
    const p = prepareText(text);
    const v = this.features.vectorizePrepared(p);
    const coverage = this.features.coverage(p, this.inScopeTerms);
    return { empty: v.idx.length === 0, coverage, ...this.evaluate(v, coverage) };
  }

  /**
   * Intents and out-of-scope verdict of a message. With an encoder head, messages the term model is
   * unsure of are refined by `embedding` (the message's embedding by `encoder`) when it is given, and
   * flagged `wantsEmbedding` when it is not; a refined message's out-of-scope score reads the
   * embedding too. `null` says no encoder is at hand: the term model answers alone, with the
   * threshold chosen for it.
   */
  classify(text: unknown, embedding?: Float32Array | null): IntentResult {
    return this.answer(this.read(text), embedding);
  }

  /**
   * Classifies a message in the two steps an encoder needs, reading it once: `result` is
   * `classify(text)`, and `refine(embedding)` gives `classify(text, embedding)` once the embedding
   * (asked for by `result.wantsEmbedding`) is computed, even if other messages were classified meanwhile.
   */
  classifyInSteps(text: unknown): { result: IntentResult; refine: (embedding: Float32Array) => IntentResult } {
    const reading = this.read(text);
    const result = this.answer(reading);
    const kept: Reading = { ...reading, scores: Float64Array.from(reading.scores), probs: Float64Array.from(reading.probs) };
    return { result, refine: (embedding) => this.answer(kept, embedding) };
  }

  private answer(reading: Reading, embedding?: Float32Array | null): IntentResult {
    const { empty, coverage } = reading;
    let { oosScore, probs } = reading;
    const K = this.labels.length;
    let refinedBy: string | undefined;
    let wantsEmbedding = false;
    const head = embedding === null ? undefined : this.head;
    if (head && embedding && embedding.length !== head.encoder.dim) {
      throw new Error(`the embedding has ${embedding.length} dimensions; ${head.encoder.name} gives ${head.encoder.dim}`);
    }
    const threshold = head ? head.threshold : this.threshold;
    if (head && !empty) {
      if (probs[argmax(probs)] < head.refineBelow) {
        if (!embedding) wantsEmbedding = true;
        else {
          const headScores = scoreHead(head.linear, embedding);
          probs = fusedProbabilities(head, reading.scores, this.temperature, headScores, new Float64Array(K));
          const features = refinedOosFeatures(reading.features, probs, headScores, head.headTemperature, nearestCentroidCosine(head.centroids, K, embedding), coverage);
          oosScore = combinerScore(head.combiner, features);
          refinedBy = head.encoder.name;
        }
      }
    }
    const top: number[] = [];
    for (let k = 0; k < K; k++) {
      // insertion into a small sorted list of the best TOP indices
      if (top.length < TOP || probs[k] > probs[top[top.length - 1]]) {
        let pos = top.length;
        while (pos > 0 && probs[k] > probs[top[pos - 1]]) pos--;
        top.splice(pos, 0, k);
        if (top.length > TOP) top.pop();
      }
    }
    const score = Number.isFinite(oosScore) ? oosScore : 1;
    return {
      intents: top.map((k) => ({ label: this.labels[k], confidence: probs[k] })),
      outOfScope: empty || score >= threshold,
      oosScore: score,
      threshold,
      ...(refinedBy ? { refinedBy } : {}),
      ...(wantsEmbedding ? { wantsEmbedding } : {}),
    };
  }

  serialize(): SerializedIntentModel {
    const K = this.labels.length;
    const D = this.linear.dim;
    // centroids are stored sparse (most entries are zero)
    const ptr: number[] = [0];
    const idx: number[] = [];
    const val: number[] = [];
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < D; j++) {
        const c = this.centroids[j * K + k];
        if (c !== 0) {
          idx.push(j);
          val.push(c);
        }
      }
      ptr.push(idx.length);
    }
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      labels: [...this.labels],
      features: this.features.toJSON(),
      weights: { encoding: 'int8-rowscale', dim: D, classes: K, data: int8ToBase64(this.qWeights), scales: float32ToBase64(this.qScales) },
      bias: Array.from(this.linear.bias),
      centroids: { ptr, idx: int32ToBase64(Int32Array.from(idx)), val: float32ToBase64(Float32Array.from(val)) },
      temperature: this.temperature,
      oos: { combiner: this.combiner, threshold: this.threshold },
      ...(this.head && this.qHead
        ? {
            encoderHead: {
              encoder: this.head.encoder,
              weights: { encoding: 'int8-rowscale' as const, data: int8ToBase64(this.qHead.q), scales: float32ToBase64(this.qHead.scales) },
              bias: Array.from(this.head.linear.bias),
              centroids: float32ToBase64(this.head.centroids),
              combiner: this.head.combiner,
              threshold: this.head.threshold,
              headTemperature: this.head.headTemperature,
              weight: this.head.weight,
              fusedTemperature: this.head.fusedTemperature,
              refineBelow: this.head.refineBelow,
            },
          }
        : {}),
      stats: this.stats,
    };
  }

  /** JSON text of `serialize()`. */
  toJSON(): SerializedIntentModel {
    return this.serialize();
  }

  static load(data: SerializedIntentModel | string): IntentModel {
    const d: SerializedIntentModel = typeof data === 'string' ? JSON.parse(data) : data;
    if (!d || d.format !== MODEL_FORMAT) throw new Error('not a Baton intent model');
    if (d.version !== MODEL_VERSION) throw new Error(`unsupported intent model version ${String(d.version)}`);
    const K = d.labels.length;
    const features = FeatureSpace.fromJSON(d.features);
    const D = d.weights.dim;
    if (features.dim !== D || d.weights.classes !== K) throw new Error('intent model dimensions do not match');
    const q = base64ToInt8(d.weights.data);
    const scales = base64ToFloat32(d.weights.scales);
    if (q.length !== D * K || scales.length !== D) throw new Error('intent model weights are truncated');
    const centroids = new Float32Array(D * K);
    const cIdx = base64ToInt32(d.centroids.idx);
    const cVal = base64ToFloat32(d.centroids.val);
    for (let k = 0; k < K; k++) {
      for (let p = d.centroids.ptr[k]; p < d.centroids.ptr[k + 1]; p++) centroids[cIdx[p] * K + k] = cVal[p];
    }
    let head: EncoderHeadParts | undefined;
    let qHead: { q: Int8Array; scales: Float32Array } | undefined;
    if (d.encoderHead) {
      const h = d.encoderHead;
      const dim = h.encoder?.dim;
      const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
      const c = h.combiner;
      const combinerOk =
        Array.isArray(c?.weights) &&
        Array.isArray(c.mean) &&
        Array.isArray(c.std) &&
        c.mean.length >= c.weights.length &&
        c.std.length >= c.weights.length &&
        [...c.weights, ...c.mean, ...c.std, c.bias].every(finite) &&
        c.std.every((s) => s !== 0);
      if (
        ![h.weight, h.refineBelow, h.threshold].every(finite) ||
        !(h.headTemperature > 0 && h.fusedTemperature > 0) ||
        typeof h.encoder?.name !== 'string' ||
        typeof h.encoder.sha256 !== 'string' ||
        !(Number.isInteger(h.encoder.dim) && h.encoder.dim > 0) ||
        !combinerOk ||
        !h.weights ||
        !Array.isArray(h.bias) ||
        !h.bias.every(finite)
      ) {
        throw new Error('intent model encoder head is incomplete');
      }
      const hq = base64ToInt8(h.weights.data);
      const hs = base64ToFloat32(h.weights.scales);
      const centroids = base64ToFloat32(h.centroids);
      if (!Number.isInteger(dim) || hq.length !== dim * K || hs.length !== dim || h.bias.length !== K || centroids.length !== dim * K) {
        throw new Error('intent model encoder head is truncated');
      }
      qHead = { q: hq, scales: hs };
      head = {
        encoder: h.encoder,
        linear: { classes: K, dim, weights: dequantize(hq, hs, dim, K), bias: Float32Array.from(h.bias) },
        centroids,
        combiner: h.combiner,
        threshold: h.threshold,
        headTemperature: h.headTemperature,
        weight: h.weight,
        fusedTemperature: h.fusedTemperature,
        refineBelow: h.refineBelow,
      };
    }
    return new IntentModel(
      {
        labels: d.labels,
        features,
        linear: { classes: K, dim: D, weights: dequantize(q, scales, D, K), bias: Float32Array.from(d.bias) },
        centroids,
        temperature: d.temperature,
        combiner: d.oos.combiner,
        threshold: d.oos.threshold,
        head,
        stats: d.stats,
      },
      { q, scales, head: qHead },
    );
  }
}

/** 1 for each column that is non-zero in some class centroid. */
export function termMask(centroids: Float32Array, K: number): Uint8Array {
  const D = Math.floor(centroids.length / Math.max(1, K));
  const out = new Uint8Array(D);
  for (let j = 0; j < D; j++) {
    for (let k = 0; k < K; k++) {
      if (centroids[j * K + k] !== 0) {
        out[j] = 1;
        break;
      }
    }
  }
  return out;
}

/** Highest cosine between a vector and the unit-length class centroids (feature-major, dense). */
export function centroidCosine(centroids: Float32Array, K: number, v: SparseVector, scratch?: Float64Array): number {
  const s = scratch ?? new Float64Array(K);
  s.fill(0);
  let norm = 0;
  for (let p = 0; p < v.idx.length; p++) {
    const base = v.idx[p] * K;
    const x = v.val[p];
    norm += x * x;
    for (let k = 0; k < K; k++) s[k] += centroids[base + k] * x;
  }
  if (norm === 0) return 0;
  let mx = -Infinity;
  for (let k = 0; k < K; k++) if (s[k] > mx) mx = s[k];
  return mx / Math.sqrt(norm);
}
