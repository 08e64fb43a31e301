/** Temperature scaling of decision scores into calibrated softmax probabilities. */

export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array): Float64Array {
  let mx = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k] > mx) mx = scores[k];
  let z = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] - mx) / temperature);
    out[k] = e;
    z += e;
  }
  for (let k = 0; k < scores.length; k++) out[k] /= z;
  return out;
}

/** log-sum-exp of scores / T, times T (the negative free energy). */
export function energy(scores: ArrayLike<number>, temperature: number): number {
  let mx = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k] > mx) mx = scores[k];
  let z = 0;
  for (let k = 0; k < scores.length; k++) z += Math.exp((scores[k] - mx) / temperature);
  return mx + temperature * Math.log(z);
}

/**
 * Mean negative log-likelihood of the labels under softmax(scores / T), against targets smoothed by
 * `smoothing` (mass spread over the other classes), which keeps T away from 0 when the held-out data
 * is small and all correct.
 */
export function smoothedNll(rows: ArrayLike<number>[], labels: ArrayLike<number>, temperature: number, smoothing = 0): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i];
    const e = energy(s, temperature);
    let l = (1 - smoothing) * ((e - s[labels[i]]) / temperature);
    if (smoothing > 0 && s.length > 1) {
      let other = 0;
      for (let k = 0; k < s.length; k++) if (k !== labels[i]) other += (e - s[k]) / temperature;
      l += (smoothing / (s.length - 1)) * other;
    }
    total += l;
  }
  return total / Math.max(1, rows.length);
}

/**
 * Fits the temperature that minimises the NLL of held-out (out-of-fold) scores, by golden-section
 * search on log T in [1e-3, 1e2].
 */
export function fitTemperature(rows: ArrayLike<number>[], labels: ArrayLike<number>): number {
  if (rows.length === 0) return 1;
  // add-one style smoothing: as if one more held-out example had been spread over the other classes
  const eps = 1 / (rows.length + 2);
  const nll = (r: ArrayLike<number>[], y: ArrayLike<number>, t: number) => smoothedNll(r, y, t, eps);
  let lo = Math.log(1e-3);
  let hi = Math.log(1e2);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(rows, labels, Math.exp(a));
  let fb = nll(rows, labels, Math.exp(b));
  for (let it = 0; it < 60; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(rows, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(rows, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error (equal-width bins over the top-1 confidence). */
export function expectedCalibrationError(conf: number[], correct: boolean[], bins = 15): number {
  const n = conf.length;
  if (n === 0) return 0;
  const sumC = new Float64Array(bins);
  const sumA = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(conf[i] * bins));
    sumC[b] += conf[i];
    sumA[b] += correct[i] ? 1 : 0;
    cnt[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (cnt[b] > 0) ece += (cnt[b] / n) * Math.abs(sumC[b] / cnt[b] - sumA[b] / cnt[b]);
  return ece;
}
