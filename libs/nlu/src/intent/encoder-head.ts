/**
 * The sentence-encoder head of an intent model: a linear SVM over a pretrained sentence encoder's
 * embedding of the message, fused with the term model's scores. The encoder itself runs outside this
 * pure library (the caller embeds messages and passes the vectors in); the model only records which
 * encoder it was trained with, so that a different one is never fed to it.
 *
 * Fusion: logits = base / T_base + weight * head / T_head, calibrated by their own temperature. The
 * head is consulted only for messages whose base confidence is under `refineBelow`: most messages
 * are answered from the term model alone, and the encoder's cost is paid for the uncertain ones.
 */
import { energy, fitTemperature, softmaxInto } from './calibration';
import { scoreRow, trainOvrSvm, type LinearModel, type SvmOptions } from './linear';
import { oosFeatures, type OosCombiner } from './oos';
import type { CsrMatrix } from './sparse';

export interface EncoderIdentity {
  /** Name of the encoder, e.g. `all-MiniLM-L6-v2-q`. */
  name: string;
  /** SHA-256 of the encoder's model file. */
  sha256: string;
  /** Length of its embeddings. */
  dim: number;
}

/** Embeddings of the training examples, one per example in the same order, by one encoder. */
export interface SentenceEmbeddings {
  encoder: EncoderIdentity;
  vectors: ReadonlyArray<Float32Array>;
}

export interface EncoderHeadParts {
  encoder: EncoderIdentity;
  linear: LinearModel;
  headTemperature: number;
  /** Weight of the head's calibrated logits against the base model's. */
  weight: number;
  fusedTemperature: number;
  /** Base confidence under which the head is consulted. */
  refineBelow: number;
  /** Unit-length mean embedding of each class (class-major: K rows of `encoder.dim`). */
  centroids: Float32Array;
  /** Out-of-scope score of refined messages, over `refinedOosFeatures`. */
  combiner: OosCombiner;
  /**
   * Out-of-scope threshold while the head is in play (the model's own `threshold` serves the term
   * model alone, when no encoder is at hand).
   */
  threshold: number;
}

/** Default base confidence under which messages go through the encoder (about one in six on BANKING77). */
export const DEFAULT_REFINE_BELOW = 0.9;
const HEAD_SVM: Partial<SvmOptions> = { C: 1, eps: 0.1 };
const WEIGHTS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** Rows of dense unit-length embeddings as a CSR matrix (every column present). */
function denseCsr(vectors: ReadonlyArray<Float32Array>, dim: number): CsrMatrix {
  const n = vectors.length;
  const rowPtr = new Int32Array(n + 1);
  const idx = new Int32Array(n * dim);
  const val = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    rowPtr[i + 1] = (i + 1) * dim;
    for (let d = 0; d < dim; d++) idx[i * dim + d] = d;
    val.set(unit(vectors[i], dim), i * dim);
  }
  return { rows: n, cols: dim, rowPtr, idx, val };
}

/** The vector scaled to unit length (a zero or malformed vector becomes zeros). */
export function unit(v: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(dim);
  if (!v || v.length !== dim) return out;
  let n = 0;
  for (let d = 0; d < dim; d++) n += v[d] * v[d];
  if (!(n > 0) || !Number.isFinite(n)) return out;
  const inv = 1 / Math.sqrt(n);
  for (let d = 0; d < dim; d++) out[d] = v[d] * inv;
  return out;
}

export function trainHead(vectors: ReadonlyArray<Float32Array>, y: Int32Array, classes: number, dim: number): LinearModel {
  return trainOvrSvm(denseCsr(vectors, dim), y, classes, HEAD_SVM);
}

const allColumns = new Map<number, Int32Array>();
function columns(dim: number): Int32Array {
  let cols = allColumns.get(dim);
  if (!cols) {
    cols = Int32Array.from({ length: dim }, (_, d) => d);
    allColumns.set(dim, cols);
  }
  return cols;
}

export function headScores(linear: LinearModel, embedding: Float32Array, out?: Float64Array): Float64Array {
  return scoreRow(linear, columns(linear.dim), unit(embedding, linear.dim), out);
}

export function fuseInto(base: ArrayLike<number>, baseT: number, head: ArrayLike<number>, headT: number, weight: number, out: Float64Array): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = base[k] / baseT + (weight * head[k]) / headT;
  return out;
}

export const argmax = (s: ArrayLike<number>): number => {
  let b = 0;
  for (let k = 1; k < s.length; k++) if (s[k] > s[b]) b = k;
  return b;
};

/**
 * Calibrates the fusion on out-of-fold scores of in-scope examples: the head's temperature, the
 * weight that classifies best (ties: the lower weight), then the fused temperature.
 */
export function calibrateFusion(
  base: Float64Array[],
  baseT: number,
  head: Float64Array[],
  y: number[],
): Pick<EncoderHeadParts, 'headTemperature' | 'weight' | 'fusedTemperature'> {
  const headTemperature = fitTemperature(head, y);
  let best = { weight: WEIGHTS[0], correct: -1 };
  for (const weight of WEIGHTS) {
    let correct = 0;
    for (let i = 0; i < base.length; i++) {
      const fused = fuseInto(base[i], baseT, head[i], headTemperature, weight, new Float64Array(base[i].length));
      if (argmax(fused) === y[i]) correct++;
    }
    if (correct > best.correct) best = { weight, correct };
  }
  const fused = base.map((b, i) => fuseInto(b, baseT, head[i], headTemperature, best.weight, new Float64Array(b.length)));
  return {
    headTemperature,
    weight: best.weight,
    fusedTemperature: fitTemperature(fused, y),
  };
}

/** Fused, calibrated probabilities of a message from its term-model and head scores. */
export function fusedProbabilities(head: Pick<EncoderHeadParts, 'headTemperature' | 'weight' | 'fusedTemperature'>, base: ArrayLike<number>, baseT: number, h: ArrayLike<number>, out: Float64Array): Float64Array {
  const fused = fuseInto(base, baseT, h, head.headTemperature, head.weight, new Float64Array(out.length));
  return softmaxInto(fused, head.fusedTemperature, out);
}

/** Unit-length mean of each class's unit embeddings (rows labelled -1 are left out), class-major. */
export function classCentroids(vectors: ReadonlyArray<Float32Array>, y: ArrayLike<number>, K: number, dim: number): Float32Array {
  const out = new Float32Array(K * dim);
  vectors.forEach((v, i) => {
    const k = y[i];
    if (k < 0) return;
    const u = unit(v, dim);
    for (let d = 0; d < dim; d++) out[k * dim + d] += u[d];
  });
  for (let k = 0; k < K; k++) {
    const row = out.subarray(k * dim, (k + 1) * dim);
    row.set(unit(row, dim));
  }
  return out;
}

/** Highest cosine between an embedding and the class centroids. */
export function nearestCentroidCosine(centroids: Float32Array, K: number, embedding: Float32Array): number {
  const dim = centroids.length / Math.max(1, K);
  const u = unit(embedding, dim);
  let best = -1;
  for (let k = 0; k < K; k++) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += centroids[k * dim + d] * u[d];
    if (dot > best) best = dot;
  }
  return best;
}

/** Out-of-scope features of a refined message: the term model's, then the fused probabilities', the head's scores' and the embedding's. */
export function refinedOosFeatures(
  termFeatures: number[],
  fusedProbs: ArrayLike<number>,
  head: ArrayLike<number>,
  headTemperature: number,
  embeddingCos: number,
  coverage: number,
): number[] {
  return [...termFeatures, ...oosFeatures({ probs: fusedProbs, scores: head, energy: energy(head, headTemperature), centroidCos: embeddingCos, coverage })];
}
