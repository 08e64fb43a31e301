/**
 * TF-IDF feature views over normalised text: stemmed word n-grams and word-boundary-aware character
 * n-grams, plus (when training is given static word vectors) dense columns holding the message's mean
 * word vector. Each view is sublinear-tf, idf-weighted and L2-normalised on its own, then scaled by its
 * weight and concatenated, so that the full vector has a known norm (sqrt of the sum of squared weights
 * of the views present).
 */
import { normalizeText, tokenize } from '../text/normalize';
import { porterStem } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { sentenceVector, WordVectors, type SerializedWordVectors } from './embedding';
import type { SparseVector } from './sparse';

export type ViewKind = 'word' | 'char' | 'chartext' | 'pair';

export interface ViewConfig {
  kind: ViewKind;
  /** Smallest and largest n-gram length (words for 'word', characters for 'char'). */
  minN: number;
  maxN: number;
  /** Stem words first (word view) / build char n-grams from stemmed words (char view). */
  stem: boolean;
  /** Minimum number of training documents a term must occur in. */
  minDf: number;
  /** Weight of this view in the concatenated vector. */
  weight: number;
}

export interface EmbeddingConfig {
  /** Weight of the sentence vector in the concatenated vector. */
  weight: number;
  /** Weight of function words in the mean (content words weigh 1). */
  stopwordWeight: number;
  /** Most frequent words of the source table kept in the model (besides the training vocabulary). */
  topWords: number;
}

export interface FeatureConfig {
  views: ViewConfig[];
  /** Mean static word vector of the message, used when word vectors are given to training. */
  embedding?: EmbeddingConfig;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  views: [
    { kind: 'word', minN: 1, maxN: 2, stem: true, minDf: 1, weight: 1 },
    { kind: 'char', minN: 2, maxN: 5, stem: false, minDf: 2, weight: 1 },
    { kind: 'pair', minN: 2, maxN: 8, stem: true, minDf: 2, weight: 0.7 },
  ],
  embedding: { weight: 1.5, stopwordWeight: 0, topWords: 30000 },
};

export interface SerializedView {
  config: ViewConfig;
  terms: string[];
  idf: number[];
}

export interface PreparedText {
  words: string[];
  stems: string[];
}

export function prepareText(text: unknown): PreparedText {
  const words = tokenize(normalizeText(text));
  return { words, stems: words.map(porterStem) };
}

function wordTerms(tokens: string[], minN: number, maxN: number, out: string[]): void {
  for (let n = minN; n <= maxN; n++) {
    if (n === 1) {
      for (const t of tokens) out.push(t);
      continue;
    }
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
}

function charTerms(tokens: string[], minN: number, maxN: number, out: string[]): void {
  for (const t of tokens) {
    const w = ` ${t} `;
    const L = w.length;
    for (let n = minN; n <= maxN; n++) {
      if (n >= L) {
        out.push(w);
        break;
      }
      for (let i = 0; i + n <= L; i++) out.push(w.substring(i, i + n));
    }
  }
}

function charTextTerms(tokens: string[], minN: number, maxN: number, out: string[]): void {
  const w = ` ${tokens.join(' ')} `;
  const L = w.length;
  for (let n = minN; n <= maxN; n++) for (let i = 0; i + n <= L; i++) out.push(w.substring(i, i + n));
}

/** Unordered pairs of words at distance minN..maxN (skip-grams without order). */
function pairTerms(tokens: string[], minN: number, maxN: number, out: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    for (let d = minN; d <= maxN && i + d < tokens.length; d++) {
      const a = tokens[i];
      const b = tokens[i + d];
      out.push(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
}

export class FeatureView {
  readonly config: ViewConfig;
  private readonly index: Map<string, number>;
  readonly idf: Float32Array;
  readonly terms: string[];
  /** Offset of this view's first column in the concatenated vector. */
  offset = 0;

  constructor(config: ViewConfig, terms: string[], idf: ArrayLike<number>) {
    this.config = config;
    this.terms = terms;
    this.idf = Float32Array.from(idf);
    this.index = new Map();
    terms.forEach((t, i) => this.index.set(t, i));
  }

  get size(): number {
    return this.terms.length;
  }

  termsOf(p: PreparedText): string[] {
    const out: string[] = [];
    const c = this.config;
    const tokens = c.stem ? p.stems : p.words;
    if (c.kind === 'word') wordTerms(tokens, c.minN, c.maxN, out);
    else if (c.kind === 'char') charTerms(tokens, c.minN, c.maxN, out);
    else if (c.kind === 'chartext') charTextTerms(tokens, c.minN, c.maxN, out);
    else pairTerms(tokens, c.minN, c.maxN, out);
    return out;
  }

  static fit(config: ViewConfig, docs: PreparedText[]): FeatureView {
    const df = new Map<string, number>();
    const probe = new FeatureView(config, [], []);
    for (const d of docs) {
      const seen = new Set(probe.termsOf(d));
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const terms: string[] = [];
    for (const [t, n] of df) if (n >= config.minDf) terms.push(t);
    terms.sort();
    const N = docs.length;
    const idf = terms.map((t) => Math.log((1 + N) / (1 + (df.get(t) ?? 0))) + 1);
    return new FeatureView(config, terms, idf);
  }

  /** Appends (column, value) pairs of this view for a document; returns the squared norm added. */
  vectorize(p: PreparedText, cols: number[], vals: number[]): number {
    const counts = new Map<number, number>();
    for (const t of this.termsOf(p)) {
      const j = this.index.get(t);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    if (counts.size === 0) return 0;
    const start = vals.length;
    let norm = 0;
    for (const [j, c] of counts) {
      const v = (1 + Math.log(c)) * this.idf[j];
      cols.push(j + this.offset);
      vals.push(v);
      norm += v * v;
    }
    const scale = this.config.weight / Math.sqrt(norm);
    for (let k = start; k < vals.length; k++) vals[k] *= scale;
    return this.config.weight * this.config.weight;
  }

  lookup(term: string): number | undefined {
    return this.index.get(term);
  }

  get maxIdf(): number {
    let m = 1;
    for (let j = 0; j < this.idf.length; j++) if (this.idf[j] > m) m = this.idf[j];
    return m;
  }

  toJSON(): SerializedView {
    return { config: this.config, terms: this.terms, idf: Array.from(this.idf) };
  }
}

/** Dense columns: the message's mean word vector, L2-normalised and scaled by the configured weight. */
export class EmbeddingView {
  readonly config: EmbeddingConfig;
  readonly table: WordVectors;
  offset = 0;
  private readonly scratch: Float64Array;

  constructor(config: EmbeddingConfig, table: WordVectors) {
    this.config = config;
    this.table = table;
    this.scratch = new Float64Array(table.dim);
  }

  get size(): number {
    return this.table.dim;
  }

  /** Keeps the most frequent words of `source` and every word of the training documents. */
  static fit(config: EmbeddingConfig, source: WordVectors, docs: PreparedText[]): EmbeddingView {
    const vocab = new Set<string>();
    for (const d of docs) for (const w of d.words) vocab.add(w);
    return new EmbeddingView(config, source.subset(config.topWords, vocab));
  }

  vectorize(p: PreparedText, cols: number[], vals: number[]): number {
    const sw = this.config.stopwordWeight;
    if (!sentenceVector(this.table, p.words, (w) => (isStopword(w) ? sw : 1), this.scratch)) return 0;
    const wt = this.config.weight;
    for (let d = 0; d < this.table.dim; d++) {
      cols.push(this.offset + d);
      vals.push(wt * this.scratch[d]);
    }
    return wt * wt;
  }

  toJSON(): SerializedEmbeddingView {
    return { config: this.config, table: this.table.toJSON() };
  }
}

export interface SerializedEmbeddingView {
  config: EmbeddingConfig;
  table: SerializedWordVectors;
}

export interface SerializedFeatureSpace {
  views: SerializedView[];
  embedding?: SerializedEmbeddingView;
}

export class FeatureSpace {
  readonly views: FeatureView[];
  readonly embedding?: EmbeddingView;
  readonly dim: number;
  /** Squared norm of a vector in which every view has at least one known term. */
  readonly fullNormSq: number;

  constructor(views: FeatureView[], embedding?: EmbeddingView) {
    this.views = views;
    this.embedding = embedding;
    let off = 0;
    let sq = 0;
    for (const v of views) {
      v.offset = off;
      off += v.size;
      sq += v.config.weight * v.config.weight;
    }
    if (embedding) {
      embedding.offset = off;
      off += embedding.size;
      sq += embedding.config.weight * embedding.config.weight;
    }
    this.dim = off;
    this.fullNormSq = sq;
  }

  /** Fits the term views on `docs`; the embedding view only when both its config and `vectors` are given. */
  static fit(config: FeatureConfig, docs: PreparedText[], vectors?: WordVectors): FeatureSpace {
    const emb = config.embedding && vectors ? EmbeddingView.fit(config.embedding, vectors, docs) : undefined;
    return new FeatureSpace(
      config.views.map((vc) => FeatureView.fit(vc, docs)),
      emb,
    );
  }

  vectorizePrepared(p: PreparedText): SparseVector {
    const cols: number[] = [];
    const vals: number[] = [];
    for (const v of this.views) v.vectorize(p, cols, vals);
    if (this.embedding) this.embedding.vectorize(p, cols, vals);
    const order = cols.map((_, i) => i).sort((a, b) => cols[a] - cols[b]);
    const idx = new Int32Array(order.length);
    const val = new Float32Array(order.length);
    order.forEach((o, k) => {
      idx[k] = cols[o];
      val[k] = vals[o];
    });
    return { idx, val };
  }

  /**
   * Share of the message's content words (not function words; all words if it has none) that the
   * vocabulary knows: 0..1, and 0 for a message without words. Uses the first word-unigram view, else
   * the first view's whole-word char grams. `known` optionally restricts the vocabulary to columns
   * marked 1 (e.g. terms seen in in-scope examples, not only in `oos` ones).
   */
  coverage(p: PreparedText, known?: Uint8Array): number {
    const view = this.views.find((v) => v.config.kind === 'word' && v.config.minN === 1) ?? this.views[0];
    if (!view || p.words.length === 0) return 0;
    const tokens = view.config.stem ? p.stems : p.words;
    let hits = 0;
    let total = 0;
    let knownAll = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const j = view.lookup(view.config.kind === 'word' ? t : ` ${t} `);
      const has = j !== undefined && (!known || known[view.offset + j] === 1);
      if (has) knownAll++;
      if (isStopword(p.words[i])) continue;
      total++;
      if (has) hits++;
    }
    return total > 0 ? hits / total : knownAll / tokens.length;
  }

  vectorize(text: unknown): SparseVector {
    return this.vectorizePrepared(prepareText(text));
  }

  toJSON(): SerializedFeatureSpace {
    const out: SerializedFeatureSpace = { views: this.views.map((v) => v.toJSON()) };
    if (this.embedding) out.embedding = this.embedding.toJSON();
    return out;
  }

  static fromJSON(data: SerializedFeatureSpace): FeatureSpace {
    const emb = data.embedding ? new EmbeddingView(data.embedding.config, WordVectors.fromJSON(data.embedding.table)) : undefined;
    return new FeatureSpace(
      data.views.map((d) => new FeatureView(d.config, d.terms, d.idf)),
      emb,
    );
  }
}
