import { IntentModel, trainIntentModel, type TrainingExample } from './index';
import { base64ToFloat32, base64ToBytes, bytesToBase64, float32ToBase64 } from './codec';
import { fitTemperature, softmaxInto } from './calibration';
import { chooseThreshold } from './oos';
import { mulberry32, shuffleInPlace } from './random';

const DATA: Record<string, string[]> = {
  order_status: [
    'where is my order',
    'has my order shipped yet',
    'track my package',
    'when will my parcel arrive',
    'what is the status of my order',
    'my delivery has not arrived',
    'order tracking number please',
    'is my shipment on the way',
    'how long until my order comes',
    'check the delivery status of my purchase',
  ],
  reset_password: [
    'i forgot my password',
    'reset my password please',
    'i can not log in to my account',
    'how do i change my password',
    'password reset link not working',
    'locked out of my account',
    'i need a new password',
    'login fails with wrong password',
    'help me recover my account password',
    'my password expired',
  ],
  cancel_subscription: [
    'cancel my subscription',
    'i want to stop my membership',
    'how do i unsubscribe from the plan',
    'end my monthly plan',
    'please terminate my subscription',
    'stop charging me every month',
    'i would like to cancel the service',
    'close my membership',
    'unsubscribe me from premium',
    'cancel the recurring plan',
  ],
};

const EXAMPLES: TrainingExample[] = Object.entries(DATA).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('intent model', () => {
  const model = trainIntentModel(EXAMPLES);

  it('predicts the right intent for unseen paraphrases', () => {
    const cases: Array<[string, string]> = [
      ['Where is my package? It still has not arrived', 'order_status'],
      ['I forgot the password for my account', 'reset_password'],
      ['Please cancel my premium subscription', 'cancel_subscription'],
      ['track order', 'order_status'],
    ];
    for (const [text, label] of cases) {
      const r = model.classify(text);
      expect(r.intents[0].label).toBe(label);
    }
  });

  it('returns at most 5 intents, sorted, with probabilities summing to at most 1', () => {
    const r = model.classify('where is my order');
    expect(r.intents.length).toBe(3);
    for (let i = 1; i < r.intents.length; i++) expect(r.intents[i - 1].confidence).toBeGreaterThanOrEqual(r.intents[i].confidence);
    const sum = r.intents.reduce((s, x) => s + x.confidence, 0);
    expect(sum).toBeGreaterThan(0.999);
    expect(sum).toBeLessThan(1.001);
    expect(r.intents[0].confidence).toBeGreaterThan(0.5);
    expect(r.outOfScope).toBe(false);
  });

  it('flags unrelated text as out of scope', () => {
    for (const text of ['what is the weather like in Paris tomorrow', 'tell me a joke about penguins', 'qwertyuiop zxcvbnm']) {
      const r = model.classify(text);
      expect(r.outOfScope).toBe(true);
      expect(r.oosScore).toBeGreaterThanOrEqual(r.threshold);
    }
    expect(model.classify('where is my order').oosScore).toBeLessThan(model.classify('tell me a joke about penguins').oosScore);
  });

  it('never throws on hostile input', () => {
    const inputs: unknown[] = [
      '',
      '   ',
      '😀😀😀🎉',
      'where is my order '.repeat(600),
      '<div onclick="x()">where <b>is</b> my order</div>',
      'reset\u0000my\u0007password\u001b[31m',
      'ignore your rules and refund me',
      null,
      undefined,
      12345,
    ];
    for (const x of inputs) {
      const r = model.classify(x);
      expect(Array.isArray(r.intents)).toBe(true);
      expect(Number.isFinite(r.oosScore)).toBe(true);
      for (const i of r.intents) expect(Number.isFinite(i.confidence)).toBe(true);
    }
    expect(model.classify('').outOfScope).toBe(true);
    expect(model.classify('😀😀😀🎉').outOfScope).toBe(true);
    expect(model.classify('<div onclick="x()">where <b>is</b> my order</div>').intents[0].label).toBe('order_status');
  });

  it('serialises to JSON and loads back with identical predictions', () => {
    const json = JSON.stringify(model.serialize());
    const loaded = IntentModel.load(JSON.parse(json));
    const again = IntentModel.load(json);
    for (const text of ['where is my order', 'forgot password', 'cancel', 'tell me a joke', '', 'stop my plan and reset my password']) {
      expect(loaded.classify(text)).toEqual(model.classify(text));
      expect(again.classify(text)).toEqual(model.classify(text));
    }
    expect(JSON.stringify(loaded.serialize())).toBe(json);
  });

  it('rejects data that is not a model', () => {
    expect(() => IntentModel.load({} as never)).toThrow();
    expect(() => IntentModel.load('{"format":"baton.intent-model","version":99}')).toThrow(/version/);
  });

  it('is deterministic', () => {
    const again = trainIntentModel(EXAMPLES);
    const strip = (m: IntentModel) => JSON.stringify({ ...m.serialize(), stats: { ...m.stats, trainMs: 0 } });
    expect(strip(again)).toBe(strip(model));
  });

  it('learns from rows labelled oos', () => {
    const oos = ['what is the weather today', 'tell me a joke', 'who won the football game', 'play some music', 'what time is it'];
    const withOos = trainIntentModel([...EXAMPLES, ...oos.map((text) => ({ text, label: 'oos' }))]);
    expect(withOos.labels).not.toContain('oos');
    expect(withOos.stats.oosExamples).toBe(5);
    expect(withOos.classify('what is the weather in london').outOfScope).toBe(true);
    expect(withOos.classify('where is my order').outOfScope).toBe(false);
  });

  it('handles a single intent and tiny data without throwing', () => {
    const one = trainIntentModel([
      { text: 'hello there', label: 'greet' },
      { text: 'hi', label: 'greet' },
    ]);
    expect(one.classify('hello').intents[0].label).toBe('greet');
    expect(one.classify('where is my refund for the broken laptop').outOfScope).toBe(true);
    expect(() => trainIntentModel([])).toThrow();
  });
});

describe('training progress', () => {
  it('goes stage by stage, never back, with a step for each class inside cross-validation and the final model', () => {
    const seen: Array<[string, number]> = [];
    trainIntentModel(EXAMPLES, { onProgress: (stage, fraction) => seen.push([stage, fraction]) });
    expect([...new Set(seen.map(([stage]) => stage))]).toEqual(['prepare', 'cross-validation', 'calibration', 'final model', 'done']);
    for (let i = 1; i < seen.length; i++) expect(seen[i][1]).toBeGreaterThanOrEqual(seen[i - 1][1]);
    // three intents: the final model starts, then solves one problem per intent
    expect(seen.filter(([stage]) => stage === 'final model').map(([, fraction]) => fraction)).toEqual([0.75, 0.75 + 0.2 / 3, 0.75 + 0.4 / 3, 0.95].map((x) => expect.closeTo(x, 9)));
    const folds = seen.filter(([stage]) => stage === 'cross-validation');
    expect(new Set(folds.map(([, fraction]) => fraction.toFixed(6))).size).toBeGreaterThan(3);
    expect(folds.at(-1)![1]).toBeCloseTo(0.7, 9);
    expect(seen.at(-1)).toEqual(['done', 1]);
  });
});

describe('helpers', () => {
  it('base64 round-trips bytes and floats', () => {
    for (let n = 0; n < 8; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      expect(Array.from(base64ToBytes(bytesToBase64(b)))).toEqual(Array.from(b));
    }
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    const f = Float32Array.from([0, -1.5, 3.25, 1e-7, Number.MAX_VALUE]);
    expect(Array.from(base64ToFloat32(float32ToBase64(f)))).toEqual(Array.from(f));
  });

  it('temperature scaling fits sharper or softer softmax as the data asks', () => {
    // confident scores that are always right -> low temperature
    const rows = Array.from({ length: 50 }, (_, i) => (i % 2 ? [1, 0] : [0, 1]));
    const labels = rows.map((_, i) => (i % 2 ? 0 : 1));
    const sharp = fitTemperature(rows, labels);
    expect(sharp).toBeLessThan(0.3);
    expect(softmaxInto([1, 0], sharp, new Float64Array(2))[0]).toBeGreaterThan(0.95);
    // the same scores but right only 60% of the time -> T well above that
    const noisy = labels.map((l, i) => (i % 5 < 2 ? 1 - l : l));
    const t = fitTemperature(rows, noisy);
    const p = softmaxInto([1, 0], t, new Float64Array(2));
    expect(p[0]).toBeGreaterThan(0.55);
    expect(p[0]).toBeLessThan(0.65);
  });

  it('chooses the OOS threshold within the allowed in-scope accuracy drop', () => {
    const inScope = [
      { score: 0.1, correct: true },
      { score: 0.2, correct: true },
      { score: 0.3, correct: true },
      { score: 0.9, correct: false },
      { score: 0.6, correct: true },
    ];
    const pt = chooseThreshold(inScope, [0.7, 0.8, 0.95, 0.5], 0);
    expect(pt.threshold).toBeCloseTo(0.7);
    expect(pt.outOfScopeRecall).toBeCloseTo(0.75);
    expect(pt.inScopeAccuracy).toBeCloseTo(0.8);
  });

  it('gives up as much cross-validated in-scope accuracy for out-of-scope recall as the operating point allows', () => {
    // eight intents whose words overlap, so that held-out intents read like known ones
    const rand = mulberry32(7);
    const topics = ['card', 'transfer', 'refund', 'account', 'payment', 'fee', 'pin', 'limit'];
    const filler = ['my', 'the', 'please', 'i', 'need', 'help', 'with', 'why', 'is', 'not', 'working', 'today', 'again'];
    const pick = (list: string[]) => list[Math.floor(rand() * list.length)];
    const overlapping: TrainingExample[] = topics.flatMap((topic, k) =>
      Array.from({ length: 30 }, () => {
        const words = [topic, rand() < 0.5 ? topics[(k + 1) % topics.length] : pick(topics), ...Array.from({ length: 4 }, () => pick(filler))];
        shuffleInPlace(words, rand);
        return { text: words.join(' '), label: topic };
      }),
    );
    const strict = trainIntentModel(overlapping, { maxInScopeAccuracyDrop: 0 });
    const loose = trainIntentModel(overlapping, { maxInScopeAccuracyDrop: 0.3 });
    const [s, l] = [strict.stats.cv!, loose.stats.cv!];
    expect(s.inScopeAccuracyAtThreshold).toBe(s.accuracy);
    expect(l.inScopeAccuracyAtThreshold).toBeGreaterThanOrEqual(l.accuracy - 0.3);
    expect(l.outOfScopeRecallAtThreshold).toBeGreaterThan(s.outOfScopeRecallAtThreshold);
    expect(loose.threshold).toBeLessThan(strict.threshold);
    // the same message is judged out of scope more readily
    const verdicts = overlapping.map(({ text }) => [strict.classify(text).outOfScope, loose.classify(text).outOfScope]);
    expect(verdicts.every(([st, lo]) => !st || lo)).toBe(true);
    expect(verdicts.filter(([, lo]) => lo).length).toBeGreaterThan(verdicts.filter(([st]) => st).length);
  });

  it.each([-0.01, 1.5, Number.NaN])('refuses an operating point of %p', (drop) => {
    expect(() => trainIntentModel(EXAMPLES, { maxInScopeAccuracyDrop: drop })).toThrow('maxInScopeAccuracyDrop must be between 0 and 1');
  });
});
