/**
 * One-vs-rest linear SVM (squared hinge loss, L2 regularisation) trained by dual coordinate descent
 * with shrinking (Hsieh et al. 2008, as in LIBLINEAR). Single-threaded, deterministic for a seed.
 */
import { mulberry32, shuffleInPlace } from './random';
import type { CsrMatrix } from './sparse';

export interface SvmOptions {
  /** Inverse regularisation strength. */
  C: number;
  /** Value of the implicit bias feature. */
  bias: number;
  /** Stopping tolerance on the projected gradient. */
  eps: number;
  maxIter: number;
  seed: number;
  /** Per-sample costs multipliers (optional), e.g. to weight classes. */
  sampleWeight?: Float32Array;
  /** Told how many classes' problems are solved after each one, to report progress. */
  onClassTrained?: (trained: number) => void;
}

export const DEFAULT_SVM: SvmOptions = { C: 1, bias: 1, eps: 0.05, maxIter: 200, seed: 7 };

export interface LinearModel {
  classes: number;
  dim: number;
  /** Feature-major weights: w[j * classes + k]. */
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Trains a binary problem for each class k in `targets` (labels y === k are positive, others negative;
 * y === -1 means always negative, e.g. out-of-scope examples).
 */
export function trainOvrSvm(X: CsrMatrix, y: Int32Array, classes: number, opts: Partial<SvmOptions> = {}): LinearModel {
  const o = { ...DEFAULT_SVM, ...opts };
  const n = X.rows;
  const D = X.cols;
  const sqn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = o.bias * o.bias;
    for (let p = X.rowPtr[i]; p < X.rowPtr[i + 1]; p++) s += X.val[p] * X.val[p];
    sqn[i] = s;
  }
  const weights = new Float32Array(D * classes);
  const biasOut = new Float32Array(classes);
  const w = new Float64Array(D);
  const alpha = new Float64Array(n);
  const index = new Int32Array(n);
  const diag = new Float64Array(n);
  const QD = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ci = o.C * (o.sampleWeight ? o.sampleWeight[i] : 1);
    diag[i] = 0.5 / ci;
    QD[i] = sqn[i] + diag[i];
  }
  const { rowPtr, idx, val } = X;
  // every row holds every column in order (e.g. embeddings): index the weights directly
  const dense = isDense(X);
  const rand = mulberry32(o.seed);

  for (let k = 0; k < classes; k++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let i = 0; i < n; i++) index[i] = i;
    let active = n;
    let pgMaxOld = Infinity;
    let iter = 0;
    while (iter < o.maxIter) {
      let pgMaxNew = -Infinity;
      let pgMinNew = Infinity;
      shuffleInPlace(index, rand, active);
      for (let s = 0; s < active; s++) {
        const i = index[s];
        const yi = y[i] === k ? 1 : -1;
        const a = rowPtr[i];
        const e = rowPtr[i + 1];
        let dot = b * o.bias;
        if (dense) for (let p = a; p < e; p++) dot += w[p - a] * val[p];
        else for (let p = a; p < e; p++) dot += w[idx[p]] * val[p];
        const G = yi * dot - 1 + alpha[i] * diag[i];
        let PG = 0;
        if (alpha[i] === 0) {
          if (G > pgMaxOld) {
            active--;
            index[s] = index[active];
            index[active] = i;
            s--;
            continue;
          } else if (G < 0) PG = G;
        } else PG = G;
        if (PG > pgMaxNew) pgMaxNew = PG;
        if (PG < pgMinNew) pgMinNew = PG;
        if (Math.abs(PG) > 1e-12) {
          const old = alpha[i];
          const na = Math.max(old - G / QD[i], 0);
          alpha[i] = na;
          const d = (na - old) * yi;
          if (dense) for (let p = a; p < e; p++) w[p - a] += d * val[p];
          else for (let p = a; p < e; p++) w[idx[p]] += d * val[p];
          b += d * o.bias;
        }
      }
      iter++;
      if (pgMaxNew - pgMinNew <= o.eps) {
        if (active === n) break;
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew > 0 ? pgMaxNew : Infinity;
    }
    for (let j = 0; j < D; j++) weights[j * classes + k] = w[j];
    biasOut[k] = b * o.bias;
    o.onClassTrained?.(k + 1);
  }
  return { classes, dim: D, weights, bias: biasOut };
}

/** Raw decision scores for one sparse row (length = classes). */
export function scoreRow(m: LinearModel, idx: ArrayLike<number>, val: ArrayLike<number>, out?: Float64Array): Float64Array {
  const K = m.classes;
  const s = out ?? new Float64Array(K);
  for (let k = 0; k < K; k++) s[k] = m.bias[k];
  const W = m.weights;
  for (let p = 0; p < idx.length; p++) {
    const base = idx[p] * K;
    const v = val[p];
    for (let k = 0; k < K; k++) s[k] += W[base + k] * v;
  }
  return s;
}


function isDense(X: CsrMatrix): boolean {
  if (X.idx.length !== X.rows * X.cols) return false;
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.rowPtr[i], j = 0; p < X.rowPtr[i + 1]; p++, j++) if (X.idx[p] !== j) return false;
  }
  return true;
}
