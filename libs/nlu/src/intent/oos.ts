/**
 * Out-of-scope scoring: a small logistic model over confidence signals (calibrated max probability,
 * probability margin, raw top score and score margin, energy, entropy, cosine to the nearest class
 * centroid and vocabulary coverage), trained on out-of-fold scores of in-scope examples against
 * examples of intents held out of training (and any rows labelled `oos`).
 */

export const OOS_FEATURE_NAMES = [
  'maxProb',
  'probMargin',
  'maxScore',
  'scoreMargin',
  'energy',
  'entropy',
  'centroidCos',
  'coverage',
] as const;

export interface OosSignals {
  /** Calibrated probabilities over intents. */
  probs: ArrayLike<number>;
  /** Raw decision scores over intents. */
  scores: ArrayLike<number>;
  energy: number;
  /** Highest cosine similarity between the message vector and a class centroid. */
  centroidCos: number;
  /** Share of the message's words that the model knows. */
  coverage: number;
}

export function oosFeatures(sig: OosSignals): number[] {
  let p1 = 0;
  let p2 = 0;
  let s1 = -Infinity;
  let s2 = -Infinity;
  let ent = 0;
  for (let k = 0; k < sig.probs.length; k++) {
    const p = sig.probs[k];
    if (p > p1) {
      p2 = p1;
      p1 = p;
    } else if (p > p2) p2 = p;
    if (p > 0) ent -= p * Math.log(p);
    const s = sig.scores[k];
    if (s > s1) {
      s2 = s1;
      s1 = s;
    } else if (s > s2) s2 = s;
  }
  if (!Number.isFinite(s2)) s2 = s1;
  if (!Number.isFinite(s1)) s1 = s2 = 0;
  return [p1, p1 - p2, s1, s1 - s2, sig.energy, ent, sig.centroidCos, sig.coverage];
}

export interface OosCombiner {
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export function combinerScore(c: OosCombiner, f: number[]): number {
  let z = c.bias;
  // a combiner reads the first features it was fitted on (the default one, the term model's eight)
  for (let j = 0; j < c.weights.length; j++) z += c.weights[j] * ((f[j] - c.mean[j]) / c.std[j]);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits an L2-regularised logistic regression (Newton's method) separating out-of-scope (label 1) from
 * in-scope (label 0) feature rows; classes are weighted to balance, or by `weights` (in-scope,
 * out-of-scope), e.g. those balancing a larger set this one is part of, so that the scores of
 * combiners fitted on parts of it are on one scale.
 */
export function fitCombiner(inScope: number[][], outOfScope: number[][], l2 = 1e-2, weights?: { in: number; out: number }): OosCombiner {
  if (inScope.length === 0 || outOfScope.length === 0) return defaultCombiner();
  const rows = [...inScope, ...outOfScope];
  const d = rows[0].length;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(1);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (const r of rows) m += r[j];
    m /= rows.length;
    let v = 0;
    for (const r of rows) v += (r[j] - m) ** 2;
    mean[j] = m;
    std[j] = Math.sqrt(v / rows.length) || 1;
  }
  const wIn = weights?.in ?? rows.length / (2 * inScope.length);
  const wOut = weights?.out ?? rows.length / (2 * outOfScope.length);
  const X = rows.map((r) => [...r.map((v, j) => (v - mean[j]) / std[j]), 1]);
  const y = rows.map((_, i) => (i < inScope.length ? 0 : 1));
  const sw = rows.map((_, i) => (i < inScope.length ? wIn : wOut));
  const D = d + 1;
  const w = new Array<number>(D).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(D).fill(0);
    const H = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    for (let i = 0; i < X.length; i++) {
      let z = 0;
      for (let j = 0; j < D; j++) z += w[j] * X[i][j];
      const p = 1 / (1 + Math.exp(-z));
      const r = (p - y[i]) * sw[i];
      const h = p * (1 - p) * sw[i];
      for (let j = 0; j < D; j++) {
        g[j] += r * X[i][j];
        for (let k = 0; k < D; k++) H[j][k] += h * X[i][j] * X[i][k];
      }
    }
    const n = X.length;
    for (let j = 0; j < D; j++) {
      g[j] = g[j] / n + (j < d ? l2 * w[j] : 0);
      for (let k = 0; k < D; k++) H[j][k] = H[j][k] / n + (j === k ? (j < d ? l2 : 1e-9) : 0);
    }
    const step = solve(H, g);
    let mx = 0;
    for (let j = 0; j < D; j++) {
      w[j] -= step[j];
      mx = Math.max(mx, Math.abs(step[j]));
    }
    if (mx < 1e-8) break;
  }
  return { mean, std, weights: w.slice(0, d), bias: w[d] };
}

/** A hand-set combiner used when there is too little data to learn one: low max probability and low
 * centroid similarity mean out-of-scope. */
export function defaultCombiner(): OosCombiner {
  const d = OOS_FEATURE_NAMES.length;
  const weights = new Array<number>(d).fill(0);
  weights[0] = -4; // maxProb
  weights[6] = -6; // centroidCos
  weights[7] = -2; // coverage
  return { mean: [0.5, 0, 0, 0, 0, 0, 0.3, 0.7], std: new Array<number>(d).fill(1), weights, bias: 0 };
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const piv = M[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((r, i) => r[n] / (M[i][i] || 1e-12));
}

export interface ThresholdPoint {
  threshold: number;
  inScopeAccuracy: number;
  outOfScopeRecall: number;
}

/**
 * Picks the OOS threshold maximising out-of-scope recall while in-scope accuracy (rejections count as
 * errors) stays within `maxAccuracyDrop` of the accuracy without any rejection.
 */
export function chooseThreshold(
  inScope: Array<{ score: number; correct: boolean }>,
  outOfScope: number[],
  maxAccuracyDrop: number,
): ThresholdPoint {
  const nIn = inScope.length;
  const nOut = outOfScope.length;
  const base = nIn ? inScope.filter((r) => r.correct).length / nIn : 1;
  const cands = [...new Set([...inScope.map((r) => r.score), ...outOfScope])].sort((a, b) => a - b);
  let best: ThresholdPoint = { threshold: 1.0000001, inScopeAccuracy: base, outOfScopeRecall: 0 };
  if (nIn === 0 || nOut === 0) return best;
  // score >= threshold -> OOS. Walk thresholds from high to low.
  const inSorted = [...inScope].sort((a, b) => b.score - a.score);
  const outSorted = [...outOfScope].sort((a, b) => b - a);
  let i = 0;
  let o = 0;
  let lostCorrect = 0;
  for (let c = cands.length - 1; c >= 0; c--) {
    const t = cands[c];
    while (i < nIn && inSorted[i].score >= t) {
      if (inSorted[i].correct) lostCorrect++;
      i++;
    }
    while (o < nOut && outSorted[o] >= t) o++;
    const acc = (base * nIn - lostCorrect) / nIn;
    if (acc < base - maxAccuracyDrop) break;
    const rec = o / nOut;
    if (rec > best.outOfScopeRecall) best = { threshold: t, inScopeAccuracy: acc, outOfScopeRecall: rec };
  }
  return best;
}
