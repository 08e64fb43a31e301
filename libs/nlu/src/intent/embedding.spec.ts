import { sentenceVector, WordVectors, wordVectorsFromWink } from './embedding';
import { IntentModel, trainIntentModel, DEFAULT_FEATURES, type TrainingExample } from './index';

/** A tiny hand-made table: three topics, each with a few near-synonyms. */
function toyTable(): WordVectors {
  const topics: Record<string, number> = {
    the: -1,
    my: -1,
    card: 0,
    cards: 0,
    debit: 0,
    plastic: 0,
    money: 1,
    cash: 1,
    funds: 1,
    transfer: 1,
    password: 2,
    passcode: 2,
    login: 2,
    pin: 2,
  };
  const words = Object.keys(topics);
  const dim = 4;
  const v = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const t = topics[w];
    if (t < 0) v.set([0.1, 0.1, 0.1, 1], i * dim);
    else {
      v[i * dim + t] = 1;
      v[i * dim + 3] = 0.05 * (i % 3);
    }
  });
  return new WordVectors(dim, words, v);
}

describe('word vectors', () => {
  it('converts the JSON of a wink embedding package, dropping its trailing fields', () => {
    const t = wordVectorsFromWink({
      dimensions: 2,
      words: ['a', 'b', 'missing'],
      vectors: { a: [1, 2, 2.236, 0], b: [-3, 0.5, 3.04, 1] },
    });
    expect(t.words).toEqual(['a', 'b']);
    expect(Array.from(t.vectors)).toEqual([1, 2, -3, 0.5]);
    expect(t.lookup('b')).toBe(1);
    expect(t.lookup('missing')).toBe(-1);
  });

  it('keeps the most frequent words plus the requested ones, with int8 precision', () => {
    const t = toyTable();
    const s = t.subset(2, ['pin', 'unknown-word']);
    expect(s.words).toEqual(['the', 'my', 'pin']);
    const r = s.lookup('pin');
    const src = t.lookup('pin');
    for (let d = 0; d < t.dim; d++) expect(s.vectors[r * t.dim + d]).toBeCloseTo(t.vectors[src * t.dim + d], 2);
  });

  it('round-trips through JSON exactly once quantised', () => {
    const s = toyTable().subset(100, []);
    const back = WordVectors.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.words).toEqual(s.words);
    expect(Array.from(back.vectors)).toEqual(Array.from(s.vectors));
  });

  it('builds a unit-length weighted mean of the known words', () => {
    const t = toyTable();
    const out = new Float64Array(t.dim);
    expect(sentenceVector(t, ['my', 'card', 'xyz'], (w) => (w === 'my' ? 0 : 1), out)).toBe(true);
    const card = t.lookup('card');
    const n = Math.hypot(...Array.from(t.vectors.subarray(card * t.dim, (card + 1) * t.dim)));
    for (let d = 0; d < t.dim; d++) expect(out[d]).toBeCloseTo(t.vectors[card * t.dim + d] / n, 6);
    expect(sentenceVector(t, ['xyz', 'qqq'], () => 1, out)).toBe(false);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});

describe('intent model with word vectors', () => {
  const examples: TrainingExample[] = [
    ...['my card', 'the debit card', 'card card', 'my debit'].map((text) => ({ text, label: 'card' })),
    ...['transfer money', 'my cash', 'the money transfer', 'cash transfer'].map((text) => ({ text, label: 'money' })),
    ...['my password', 'the login', 'password login', 'login password'].map((text) => ({ text, label: 'access' })),
  ];
  const features = { ...DEFAULT_FEATURES, embedding: { weight: 1.5, stopwordWeight: 0, topWords: 100 } };
  const model = trainIntentModel(examples, { features, wordVectors: toyTable() });

  it('generalises to synonyms never seen in training', () => {
    expect(model.classify('plastic').intents[0].label).toBe('card');
    expect(model.classify('funds').intents[0].label).toBe('money');
    expect(model.classify('passcode').intents[0].label).toBe('access');
  });

  it('carries its own vectors: a loaded copy needs no table and predicts identically', () => {
    const json = JSON.stringify(model.serialize());
    const loaded = IntentModel.load(json);
    for (const text of ['plastic', 'funds please', 'my passcode', '', 'unknown words only']) {
      expect(loaded.classify(text)).toEqual(model.classify(text));
    }
  });

  it('ignores the embedding view when no vectors are given', () => {
    const plain = trainIntentModel(examples, { features });
    expect(plain.features.embedding).toBeUndefined();
    expect(plain.serialize().features.embedding).toBeUndefined();
  });
});
