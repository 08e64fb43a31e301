import { fitTemperature } from './calibration';
import { base64ToFloat32, base64ToInt8, float32ToBase64, int8ToBase64 } from './codec';
import { argmax, calibrateFusion, classCentroids, DEFAULT_REFINE_BELOW, fuseInto, nearestCentroidCosine, unit, type EncoderIdentity } from './encoder-head';
import { IntentModel, trainIntentModel, type IntentResult, type SerializedIntentModel, type TrainingExample } from './index';
import type { OosCombiner } from './oos';
import { mulberry32 } from './random';

/*
 * Six intents in three pairs. Most examples of an intent use words of its own; some use only words
 * its pair shares, identically in both intents, so that the term model cannot tell the pair apart
 * from them. The synthetic "encoder" gives each intent a random direction (plus a little noise),
 * so the head sees what the words do not.
 */
const DIM = 24;
const INTENTS = ['billing', 'refund', 'delivery', 'cards', 'login', 'account'];
const OWN: Record<string, string[]> = {
  billing: ['invoice', 'receipt', 'statement', 'vat', 'quote', 'overdue'],
  refund: ['refund', 'reimburse', 'returned', 'compensation', 'chargeback', 'rebate'],
  delivery: ['parcel', 'courier', 'shipping', 'tracking', 'postman', 'doorstep'],
  cards: ['pin', 'contactless', 'debit', 'plastic', 'chip', 'expiry'],
  login: ['password', 'username', 'captcha', 'lockout', 'signin', 'twofactor'],
  account: ['profile', 'nickname', 'avatar', 'settings', 'preferences', 'birthday'],
};
const SHARED = [
  ['money', 'charge', 'payment', 'amount'],
  ['arrive', 'sent', 'new', 'order'],
  ['email', 'access', 'change', 'update'],
];
const ENCODER: EncoderIdentity = { name: 'synthetic-encoder', sha256: 'ab'.repeat(32), dim: DIM };

const rand = mulberry32(42);
function gaussian(): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
function normalised(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d] * v[d];
  return Float32Array.from(v, (x) => x / Math.sqrt(n));
}
const DIRECTIONS = INTENTS.map(() => normalised(Array.from({ length: DIM }, gaussian)));
/** An embedding of a message of intent `k`: its direction plus noise. */
const embeddingOf = (k: number, noise = 0.25): Float32Array => normalised(Array.from(DIRECTIONS[k], (x) => x + (noise * gaussian()) / Math.sqrt(DIM)));
const intent = (label: string): number => INTENTS.indexOf(label);

const EXAMPLES: TrainingExample[] = [];
const VECTORS: Float32Array[] = [];
INTENTS.forEach((label, k) => {
  const own = OWN[label];
  const shared = SHARED[Math.floor(k / 2)];
  for (let n = 0; n < 20; n++) {
    const text =
      n < 16
        ? `${own[n % 6]} ${own[(n + 1 + Math.floor(n / 6)) % 6]}${n % 3 === 0 ? ` ${shared[n % 4]}` : ''}`
        : `${shared[n % 4]} ${shared[(n + 1) % 4]}`;
    EXAMPLES.push({ text, label });
    VECTORS.push(embeddingOf(k));
  }
});

/** Messages of every kind: clear ones, ones the words leave between two intents, unknown words, nothing. */
const MESSAGES = [
  'invoice receipt statement',
  'pin debit',
  'password username',
  'profile avatar settings',
  'invoice',
  'refund please',
  'money charge',
  'arrive sent',
  'email access',
  'invoice refund',
  'hello there',
  '',
  '😀😀',
];
/** A plausible embedding for each message (by the intent its words lean to, or the first one). */
const embeddingFor = (model: IntentModel, text: string): Float32Array => embeddingOf(Math.max(0, intent(model.classify(text).intents[0].label)));

const total = (r: IntentResult): number => r.intents.reduce((s, x) => s + x.confidence, 0);

describe('intent model with an encoder head', () => {
  const model = trainIntentModel(EXAMPLES, { embeddings: { encoder: ENCODER, vectors: VECTORS } });
  const head = model.head!;

  it('records the encoder it was trained with', () => {
    expect(model.encoder).toEqual(ENCODER);
    expect(head).toBeDefined();
    expect(head.refineBelow).toBe(DEFAULT_REFINE_BELOW);
    expect(DEFAULT_REFINE_BELOW).toBe(0.9);
    expect(head.centroids.length).toBe(INTENTS.length * DIM);
    expect(model.stats.cv?.refinedShare).toBeGreaterThan(0);
    expect(model.stats.cv?.refinedShare).toBeLessThan(1);
    // a model trained without embeddings has no encoder
    expect(trainIntentModel(EXAMPLES).encoder).toBeUndefined();
  });

  it('asks for an embedding exactly when the term model is unsure, and never refines without one', () => {
    let wanted = 0;
    let sure = 0;
    for (const text of MESSAGES) {
      const r = model.classify(text);
      expect(r.refinedBy).toBeUndefined();
      const unsure = text.trim() !== '' && !text.startsWith('😀') && r.intents[0].confidence < head.refineBelow;
      expect(r.wantsEmbedding === true).toBe(unsure);
      if (r.wantsEmbedding) wanted++;
      else sure++;
    }
    // both kinds are present, or the test would prove nothing
    expect(wanted).toBeGreaterThanOrEqual(3);
    expect(sure).toBeGreaterThanOrEqual(3);
    expect(model.classify('').wantsEmbedding).toBeUndefined();
    expect(model.classify('pin debit').wantsEmbedding).toBeUndefined();
    expect(model.classify('money charge').wantsEmbedding).toBe(true);
  });

  it('refines the unsure messages given their embedding, and leaves the others alone', () => {
    for (const text of MESSAGES) {
      const plain = model.classify(text);
      const r = model.classify(text, embeddingFor(model, text));
      if (plain.wantsEmbedding) {
        expect(r.refinedBy).toBe(ENCODER.name);
        expect(r.wantsEmbedding).toBeUndefined();
        expect(total(r)).toBeGreaterThan(0);
        expect(total(r)).toBeLessThanOrEqual(1 + 1e-9);
        for (let i = 1; i < r.intents.length; i++) expect(r.intents[i - 1].confidence).toBeGreaterThanOrEqual(r.intents[i].confidence);
        expect(r.oosScore).toBeGreaterThanOrEqual(0);
        expect(r.oosScore).toBeLessThanOrEqual(1);
        expect(r.threshold).toBe(plain.threshold);
      } else {
        expect(r).toEqual(plain);
      }
    }
  });

  it('classifies in two steps exactly as in one, though other messages are read between the steps', () => {
    const embeddings = MESSAGES.map((text) => embeddingFor(model, text));
    const steps = MESSAGES.map((text) => model.classifyInSteps(text));
    expect(steps.filter((s) => s.result.wantsEmbedding).length).toBeGreaterThanOrEqual(3);
    // every message is read before any is refined, so each refinement must keep its own reading
    const refined = steps.map((s, i) => s.refine(embeddings[i]));
    MESSAGES.forEach((text, i) => {
      expect(steps[i].result).toEqual(model.classify(text));
      expect(refined[i]).toEqual(model.classify(text, embeddings[i]));
    });
  });

  it('follows the embedding when the words leave the intent open', () => {
    const cases: Array<[string, string, string]> = [
      ['money charge', 'billing', 'refund'],
      ['arrive sent', 'delivery', 'cards'],
      ['email access', 'login', 'account'],
      ['payment amount', 'billing', 'refund'],
    ];
    for (const [text, a, b] of cases) {
      const plain = model.classify(text);
      // the term model cannot tell the two apart
      expect([a, b]).toContain(plain.intents[0].label);
      expect([a, b]).toContain(plain.intents[1].label);
      expect(plain.intents[0].confidence).toBeLessThan(0.6);
      for (const label of [a, b]) {
        const r = model.classify(text, embeddingOf(intent(label)));
        expect(r.refinedBy).toBe(ENCODER.name);
        expect(r.intents[0].label).toBe(label);
        expect(r.intents[0].confidence).toBeGreaterThan(plain.intents[0].confidence);
        expect(r.outOfScope).toBe(false);
      }
    }
    // without a head the pair stays as the words leave it
    const termOnly = IntentModel.load({ ...model.serialize(), encoderHead: undefined });
    expect(termOnly.classify('money charge', embeddingOf(intent('billing'))).intents[0].label).toBe(model.classify('money charge').intents[0].label);
  });

  it('scores refined messages with the head’s out-of-scope combiner, the others with the term model’s', () => {
    const data = JSON.stringify(model.serialize());
    /** A combiner that calls everything out of scope. */
    const alwaysOut = (c: OosCombiner): OosCombiner => ({ ...c, weights: c.weights.map(() => 0), bias: 30 });
    const headOut = JSON.parse(data) as SerializedIntentModel;
    headOut.encoderHead!.combiner = alwaysOut(headOut.encoderHead!.combiner);
    const termOut = JSON.parse(data) as SerializedIntentModel;
    termOut.oos.combiner = alwaysOut(termOut.oos.combiner);
    const byHead = IntentModel.load(headOut);
    const byTerm = IntentModel.load(termOut);
    const refined = ['money charge', 'arrive sent', 'invoice refund'];
    const plain = ['pin debit', 'password username', 'profile avatar settings'];
    for (const text of [...refined, ...plain]) {
      const embedding = embeddingFor(model, text);
      const r = model.classify(text, embedding);
      expect(r.refinedBy !== undefined).toBe(refined.includes(text));
      expect(r.outOfScope).toBe(false);
      if (r.refinedBy) {
        expect(byHead.classify(text, embedding).oosScore).toBeGreaterThan(0.999);
        expect(byHead.classify(text, embedding).outOfScope).toBe(true);
        expect(byTerm.classify(text, embedding)).toEqual(r);
        // unrefined, the same message is the term model's
        expect(byHead.classify(text)).toEqual(model.classify(text));
        expect(byTerm.classify(text).outOfScope).toBe(true);
      } else {
        expect(byHead.classify(text, embedding)).toEqual(r);
        expect(byTerm.classify(text, embedding).outOfScope).toBe(true);
      }
    }
  });

  it('refines every message with words when refineBelow is 1, none when it is 0', () => {
    const always = trainIntentModel(EXAMPLES, { embeddings: { encoder: ENCODER, vectors: VECTORS }, refineBelow: 1 });
    const never = trainIntentModel(EXAMPLES, { embeddings: { encoder: ENCODER, vectors: VECTORS }, refineBelow: 0 });
    expect(always.head?.refineBelow).toBe(1);
    expect(never.head?.refineBelow).toBe(0);
    expect(always.stats.cv?.refinedShare).toBe(1);
    expect(never.stats.cv?.refinedShare).toBe(0);
    for (const text of MESSAGES) {
      const hasWords = text.trim() !== '' && !text.startsWith('😀');
      const embedding = embeddingFor(always, text);
      const a = always.classify(text);
      expect(a.wantsEmbedding === true).toBe(hasWords);
      const refined = always.classify(text, embedding);
      if (hasWords) {
        expect(refined.refinedBy).toBe(ENCODER.name);
        expect(total(refined)).toBeGreaterThan(0);
        expect(total(refined)).toBeLessThanOrEqual(1 + 1e-9);
      } else {
        expect(refined.refinedBy).toBeUndefined();
        expect(refined.outOfScope).toBe(true);
      }
      const n = never.classify(text);
      expect(n.wantsEmbedding).toBeUndefined();
      expect(n.refinedBy).toBeUndefined();
      expect(never.classify(text, embedding)).toEqual(n);
    }
  });

  it('serialises the head and loads back with identical answers', () => {
    const data = model.serialize();
    expect(data.encoderHead?.encoder).toEqual(ENCODER);
    expect(data.encoderHead?.refineBelow).toBe(head.refineBelow);
    const json = JSON.stringify(data);
    const loaded = IntentModel.load(json);
    const again = IntentModel.load(JSON.parse(json) as SerializedIntentModel);
    expect(loaded.encoder).toEqual(ENCODER);
    for (const text of MESSAGES) {
      const embedding = embeddingFor(model, text);
      expect(loaded.classify(text)).toEqual(model.classify(text));
      expect(again.classify(text)).toEqual(model.classify(text));
      expect(loaded.classify(text, embedding)).toEqual(model.classify(text, embedding));
      for (const k of [0, 3, 5]) expect(loaded.classify(text, DIRECTIONS[k])).toEqual(model.classify(text, DIRECTIONS[k]));
    }
    expect(JSON.stringify(loaded.serialize())).toBe(json);
  });

  it('loads a model without the head as the term model alone', () => {
    const data = JSON.parse(JSON.stringify(model.serialize())) as SerializedIntentModel;
    delete data.encoderHead;
    const termOnly = IntentModel.load(JSON.stringify(data));
    expect(termOnly.encoder).toBeUndefined();
    expect(termOnly.head).toBeUndefined();
    for (const text of MESSAGES) {
      const r = termOnly.classify(text);
      expect(r.wantsEmbedding).toBeUndefined();
      expect(termOnly.classify(text, embeddingFor(model, text))).toEqual(r);
      // the term model's answer, as the full model gives it when told no encoder is at hand
      expect(r).toEqual(model.classify(text, null));
    }
    expect(JSON.stringify(termOnly.serialize())).toBe(JSON.stringify(data));
  });

  it('answers from the term model alone, with its own threshold, when told no encoder is at hand', () => {
    expect(model.head!.threshold).not.toBe(model.threshold);
    for (const text of MESSAGES) {
      const alone = model.classify(text, null);
      expect(alone.wantsEmbedding).toBeUndefined();
      expect(alone.refinedBy).toBeUndefined();
      expect(alone.threshold).toBe(model.threshold);
      expect(alone.outOfScope).toBe(alone.oosScore >= model.threshold);
      const withHead = model.classify(text);
      if (!withHead.wantsEmbedding) {
        // a message the term model is sure of reads the same intents either way; only the threshold differs
        expect(withHead.intents).toEqual(alone.intents);
        expect(withHead.oosScore).toBe(alone.oosScore);
        expect(withHead.threshold).toBe(model.head!.threshold);
      }
    }
  });

  it('refuses a truncated or inconsistent head', () => {
    const fresh = () => JSON.parse(JSON.stringify(model.serialize())) as SerializedIntentModel;
    const cut = (b64: string, by: number) => float32ToBase64(base64ToFloat32(b64).subarray(0, -by));

    const centroids = fresh();
    centroids.encoderHead!.centroids = cut(centroids.encoderHead!.centroids, DIM);
    expect(() => IntentModel.load(centroids)).toThrow('intent model encoder head is truncated');

    const weights = fresh();
    weights.encoderHead!.weights.data = int8ToBase64(base64ToInt8(weights.encoderHead!.weights.data).subarray(0, 10));
    expect(() => IntentModel.load(weights)).toThrow(/truncated/);

    const scales = fresh();
    scales.encoderHead!.weights.scales = cut(scales.encoderHead!.weights.scales, 1);
    expect(() => IntentModel.load(scales)).toThrow(/truncated/);

    const bias = fresh();
    bias.encoderHead!.bias.pop();
    expect(() => IntentModel.load(bias)).toThrow(/truncated/);

    const dim = fresh();
    dim.encoderHead!.encoder.dim = DIM + 1;
    expect(() => IntentModel.load(dim)).toThrow(/truncated/);

    type Head = Partial<NonNullable<SerializedIntentModel['encoderHead']>>;
    const tampered: Array<(h: NonNullable<SerializedIntentModel['encoderHead']>) => void> = [
      (h) => delete (h.combiner as Partial<typeof h.combiner>).mean,
      (h) => (h.combiner.weights = [...h.combiner.weights, ...h.combiner.weights, 1, 2, 3, 4]),
      (h) => (h.headTemperature = 0),
      (h) => (h.fusedTemperature = -1),
      (h) => (h.bias[0] = 'x' as unknown as number),
      (h) => delete (h.encoder as Partial<typeof h.encoder>).sha256,
      (h) => (h.encoder.dim = 0),
    ];
    for (const tamper of tampered) {
      const bad = fresh();
      tamper(bad.encoderHead!);
      expect(() => IntentModel.load(bad)).toThrow(/encoder head is (incomplete|truncated)/);
    }
    for (const field of ['encoder', 'headTemperature', 'weight', 'fusedTemperature', 'refineBelow', 'combiner', 'weights', 'threshold'] as const) {
      const incomplete = fresh();
      delete (incomplete.encoderHead as Head)[field];
      expect(() => IntentModel.load(incomplete)).toThrow(/encoder head is incomplete/);
    }

    // the untouched copy loads
    expect(() => IntentModel.load(fresh())).not.toThrow();
  });

  it('refuses an embedding of the wrong length, whether or not the message needs it', () => {
    const sure = model.classify('pin debit');
    expect(sure.wantsEmbedding).toBeUndefined();
    expect(() => model.classify('pin debit', new Float32Array(DIM + 1))).toThrow(/dimensions/);
    expect(model.classify('money charge').wantsEmbedding).toBe(true);
    expect(() => model.classify('money charge', new Float32Array(DIM + 1))).toThrow(
      `the embedding has ${DIM + 1} dimensions; ${ENCODER.name} gives ${DIM}`,
    );
    expect(() => model.classify('money charge', new Float32Array(0))).toThrow(/0 dimensions/);
  });

  it('answers a zero or non-finite embedding without NaN', () => {
    for (const embedding of [new Float32Array(DIM), new Float32Array(DIM).fill(Number.NaN), new Float32Array(DIM).fill(Infinity)]) {
      const r = model.classify('money charge', embedding);
      expect(r.refinedBy).toBe(ENCODER.name);
      for (const i of r.intents) expect(Number.isFinite(i.confidence)).toBe(true);
      expect(Number.isFinite(r.oosScore)).toBe(true);
    }
  });

  it('refuses embeddings that do not match the examples', () => {
    const encoder = ENCODER;
    expect(() => trainIntentModel(EXAMPLES, { embeddings: { encoder, vectors: VECTORS.slice(1) } })).toThrow(
      `embeddings: ${VECTORS.length - 1} vectors for ${EXAMPLES.length} examples`,
    );
    expect(() => trainIntentModel(EXAMPLES, { embeddings: { encoder, vectors: [...VECTORS, VECTORS[0]] } })).toThrow(/vectors for/);
    const short = VECTORS.map((v, i) => (i === 7 ? v.subarray(1) : v));
    expect(() => trainIntentModel(EXAMPLES, { embeddings: { encoder, vectors: short } })).toThrow(`embeddings: vector 7 is not ${DIM} floats long`);
    const wrongDim = { ...encoder, dim: DIM * 2 };
    expect(() => trainIntentModel(EXAMPLES, { embeddings: { encoder: wrongDim, vectors: VECTORS } })).toThrow(/vector 0 is not 48 floats long/);
    const doubles = VECTORS.map((v, i) => (i === 3 ? (Float64Array.from(v) as unknown as Float32Array) : v));
    expect(() => trainIntentModel(EXAMPLES, { embeddings: { encoder, vectors: doubles } })).toThrow(/vector 3/);
  });
});

describe('encoder head helpers', () => {
  it('unit() scales to unit length and turns malformed vectors into zeros', () => {
    expect(Array.from(unit(Float32Array.from([3, 4]), 2))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const v = Float32Array.from([1, -2, 2]);
    const u = unit(v, 3);
    expect(u).not.toBe(v);
    expect(Array.from(v)).toEqual([1, -2, 2]);
    expect(Math.hypot(...u)).toBeCloseTo(1, 6);
    expect(u[1]).toBeCloseTo(-2 / 3, 6);
    for (const bad of [new Float32Array(3), Float32Array.from([1, 2]), Float32Array.from([1, 2, 3, 4]), Float32Array.from([1, Number.NaN, 0]), Float32Array.from([Infinity, 1, 1])]) {
      const z = unit(bad, 3);
      expect(z.length).toBe(3);
      expect(Array.from(z)).toEqual([0, 0, 0]);
    }
    expect(Array.from(unit(undefined as unknown as Float32Array, 2))).toEqual([0, 0]);
  });

  it('classCentroids() gives the unit mean of each class’s unit embeddings, leaving out rows labelled -1', () => {
    const vectors = [Float32Array.from([1, 0]), Float32Array.from([0, 5]), Float32Array.from([3, 3]), Float32Array.from([0, -2]), Float32Array.from([-7, 0])];
    const c = classCentroids(vectors, [0, 0, -1, 1, -1], 3, 2);
    expect(c.length).toBe(6);
    // class 0: unit([1,0]) + unit([0,5]) = [1,1] -> [0.707, 0.707] (not pulled towards [0,5] by its length)
    expect(c[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(c[1]).toBeCloseTo(Math.SQRT1_2, 6);
    // class 1: [0,-1]; the [3,3] and [-7,0] rows labelled -1 count nowhere
    expect(c[2]).toBeCloseTo(0, 6);
    expect(c[3]).toBeCloseTo(-1, 6);
    // class 2 has no rows
    expect(Array.from(c.subarray(4))).toEqual([0, 0]);
  });

  it('nearestCentroidCosine() gives the highest cosine to a centroid, whatever the embedding’s length', () => {
    const centroids = Float32Array.from([1, 0, 0, Math.SQRT1_2, Math.SQRT1_2, 0]);
    expect(nearestCentroidCosine(centroids, 2, Float32Array.from([5, 0, 0]))).toBeCloseTo(1, 6);
    expect(nearestCentroidCosine(centroids, 2, Float32Array.from([0, 2, 0]))).toBeCloseTo(Math.SQRT1_2, 6);
    expect(nearestCentroidCosine(centroids, 2, Float32Array.from([1, 1, 0]))).toBeCloseTo(1, 6);
    expect(nearestCentroidCosine(centroids, 2, Float32Array.from([0, 0, 3]))).toBeCloseTo(0, 6);
    expect(nearestCentroidCosine(centroids, 2, Float32Array.from([-1, -1, 0]))).toBeCloseTo(-Math.SQRT1_2, 6);
  });

  describe('calibrateFusion()', () => {
    const WEIGHTS = [0.5, 0.75, 1, 1.25, 1.5, 2];
    const K = 4;
    const y = Array.from({ length: 80 }, (_, i) => i % K);
    /** A seeded maker of scores favouring class `k` by `margin`, plus noise. */
    const scorer = (seed: number) => {
      const r = mulberry32(seed);
      return (k: number, margin: number, noise: number) => Float64Array.from({ length: K }, (_, j) => (j === k ? margin : 0) + noise * (r() - 0.5));
    };
    /** Rows classified right by the fused scores with one weight, as calibrateFusion counts them. */
    const accuracy = (base: Float64Array[], baseT: number, head: Float64Array[], headT: number, weight: number) =>
      base.filter((b, i) => argmax(fuseInto(b, baseT, head[i], headT, weight, new Float64Array(K))) === y[i]).length;

    it('picks the lowest weight when every weight classifies as well', () => {
      const scores = scorer(7);
      const base = y.map(() => new Float64Array(K)); // the term model knows nothing
      const head = y.map((k) => scores(k, 1, 0.2));
      const fit = calibrateFusion(base, 1, head, y);
      expect(fit.weight).toBe(0.5);
      expect(fit.headTemperature).toBeGreaterThan(0);
      expect(fit.fusedTemperature).toBeGreaterThan(0);
      expect(fit.headTemperature).toBeCloseTo(fitTemperature(head, y), 9);
    });

    it('picks the weight that classifies best, the lower one on ties', () => {
      // The term model is confidently wrong on a third of the rows, the head on a fifth (other rows):
      // too little weight keeps the term model's errors, too much takes the head's.
      const picked: number[] = [];
      for (const good of [0.6, 1]) {
        const scores = scorer(11);
        const baseT = 0.2;
        const base = y.map((k, i) => (i % 3 === 0 ? scores((k + 1) % K, 0.2 + (i % 7) * 0.05, 0.05) : scores(k, good, 0.05)));
        const head = y.map((k, i) => (i % 5 === 1 ? scores((k + 2) % K, 1, 0.3) : scores(k, 1, 0.3)));
        const fit = calibrateFusion(base, baseT, head, y);
        expect(WEIGHTS).toContain(fit.weight);
        expect(fit.headTemperature).toBeGreaterThan(0);
        expect(fit.fusedTemperature).toBeGreaterThan(0);
        const byWeight = WEIGHTS.map((w) => accuracy(base, baseT, head, fit.headTemperature, w));
        const best = Math.max(...byWeight);
        expect(fit.weight).toBe(WEIGHTS[byWeight.indexOf(best)]);
        picked.push(fit.weight);
      }
      // neither case is decided by an end of the list; in the second, 1.25 and 1.5 tie
      expect(picked).toEqual([1, 1.25]);
    });

    it('fits a sharper fused temperature when fused scores are reliably right', () => {
      const scores = scorer(13);
      const base = y.map((k) => scores(k, 1, 0.1));
      const head = y.map((k) => scores(k, 1, 0.1));
      const sharp = calibrateFusion(base, 1, head, y);
      const noisyHead = y.map((k, i) => scores(i % 4 === 0 ? (k + 1) % K : k, 1, 0.1));
      const noisyBase = y.map((k, i) => scores(i % 4 === 0 ? (k + 1) % K : k, 1, 0.1));
      const soft = calibrateFusion(noisyBase, 1, noisyHead, y);
      expect(sharp.fusedTemperature).toBeLessThan(soft.fusedTemperature);
      expect(sharp.headTemperature).toBeLessThan(soft.headTemperature);
    });
  });
});
