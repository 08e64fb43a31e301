import type { DataSource } from 'typeorm';
import { freshDatabase, missingIntentModel, packIntentModel, SentenceEncoder } from '@baton/db';
import { keywordTriage, trainIntentModel, type IntentModel } from '@baton/nlu';
import { combineSignals, createTriage, ModelRegistry, type ModelStore } from './nlu.activities';

const examples = (intents: Record<string, string[]>) => Object.entries(intents).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

const BASE = {
  order_status: ['where is my order', 'track my parcel', 'has my package shipped', 'my delivery is late', 'order status please', 'when does my order arrive'],
  billing: ['I was charged twice', 'where is my refund', 'send me my invoice', 'my payment failed', 'refund status', 'why was my card charged'],
  greeting: ['hello', 'hi there', 'good morning', 'hey', 'hiya', 'good evening'],
};
const v1 = trainIntentModel(examples(BASE));
// Version 2 learns an intent that version 1 does not know.
const v2 = trainIntentModel(
  examples({ ...BASE, cancellation: ['cancel my subscription', 'close my account', 'I want to cancel', 'end my membership', 'terminate my contract', 'stop my plan'] }),
);

/** A store whose current version the test moves, counting the loads. */
function fakeStore(models: Record<number, IntentModel>) {
  const state = { current: null as number | null, loads: 0, lookups: 0, fail: false };
  const store: ModelStore = {
    async currentVersion() {
      state.lookups++;
      if (state.fail) throw new Error('database unavailable');
      return state.current;
    },
    async load(_name, version) {
      state.loads++;
      if (!models[version]) throw new Error(`v${version} is not stored`);
      return JSON.stringify(models[version].serialize());
    },
  };
  return { state, store };
}

/** A store of several named models, each with its versions and current version. */
function namedStore(models: Record<string, { current: number | null; versions: Record<number, IntentModel> }>) {
  const loads: string[] = [];
  const store: ModelStore = {
    async currentVersion(name) {
      return models[name]?.current ?? null;
    },
    async load(name, version) {
      const model = models[name]?.versions[version];
      if (!model) throw new Error(`intent model ${name} v${version} is not stored`);
      loads.push(`${name} v${version}`);
      return JSON.stringify(model.serialize());
    },
  };
  return { loads, store };
}

const clock = () => {
  const c = { t: 0, now: () => c.t };
  return c;
};
const settle = () => new Promise((resolve) => setImmediate(resolve));
const noDb = {} as DataSource;

describe('combineSignals', () => {
  it("takes the model's intents and out-of-scope verdict and the rules' sentiment, risks and entities", () => {
    const text = 'I lost my job and was charged twice for ORD-12345, this is terrible';
    const rules = keywordTriage(text);
    const combined = combineSignals(rules, v1.classify(text));
    expect(combined.intents[0].label).toBe('billing');
    expect(combined.intents.every(({ confidence }) => confidence >= 0 && confidence <= 1)).toBe(true);
    expect(combined.outOfScope).toBe(v1.classify(text).outOfScope);
    expect(combined.risks).toEqual(rules.risks);
    expect(combined.risks).toContain('financial_hardship');
    expect(combined.sentiment).toBe(rules.sentiment);
    expect(combined.sentiment).toBeLessThan(0);
    expect(combined.entities).toEqual({ orderNumbers: ['ORD-12345'], emails: [] });
  });

  it("keeps the keyword rules' count of separate requests with the model's intents", () => {
    const rules = keywordTriage('Where is my order ORD-10042, and I also forgot my password');
    expect(combineSignals(rules, { intents: [{ label: 'order_status', confidence: 0.7 }], outOfScope: false } as never).complexity).toBe(2);
  });

  it('names the model version that read the intents, and keeps the language', () => {
    const text = 'Ich habe zweimal bezahlt und möchte mein Geld zurück';
    const combined = combineSignals(keywordTriage(text), v1.classify(text), { name: 'support', version: 3 });
    expect(combined.model).toEqual({ name: 'support', version: 3 });
    expect(combined.language).toBe('de');
  });

  it('is keyword triage unchanged when there is no model', () => {
    const rules = keywordTriage('where is my order ORD-55555');
    expect(combineSignals(rules, null)).toEqual(rules);
    expect(combineSignals(rules, null)).not.toHaveProperty('outOfScope');
  });
});

describe('ModelRegistry', () => {
  it('uses keyword triage while no model is stored, then the model once one is trained', async () => {
    const { state, store } = fakeStore({ 1: v1 });
    const c = clock();
    const { triage } = createTriage(noDb, { model: 'm', refreshMs: 30_000, now: c.now }, store);
    const before = await triage('hello');
    expect(before).toEqual(keywordTriage('hello'));

    state.current = 1;
    c.t = 30_000;
    await triage('hello'); // starts the look-up
    await settle();
    const after = await triage('my payment failed');
    expect(after.intents[0].label).toBe('billing');
    expect(after).toHaveProperty('outOfScope', false);
  });

  it('looks the version up once per refresh interval and loads a version once', async () => {
    const { state, store } = fakeStore({ 1: v1 });
    state.current = 1;
    const c = clock();
    const registry = new ModelRegistry(store, 'm', { refreshMs: 30_000, now: c.now });
    for (let i = 0; i < 5; i++) expect((await registry.current())?.version).toBe(1);
    expect([state.lookups, state.loads]).toEqual([1, 1]);
    c.t = 29_999;
    await registry.current();
    expect(state.lookups).toBe(1);
    c.t = 30_000;
    await registry.current();
    await settle();
    expect([state.lookups, state.loads]).toEqual([2, 1]);
  });

  it('picks up a newly trained version and a rollback without a restart', async () => {
    const { state, store } = fakeStore({ 1: v1, 2: v2 });
    state.current = 1;
    const c = clock();
    const { triage, registry } = createTriage(noDb, { model: 'm', refreshMs: 1000, now: c.now }, store);
    expect((await triage('cancel my subscription')).intents.map((i) => i.label)).not.toContain('cancellation');

    state.current = 2;
    c.t = 1000;
    await triage('hi');
    await settle();
    expect((await registry.current())?.version).toBe(2);
    expect((await triage('cancel my subscription')).intents[0].label).toBe('cancellation');

    state.current = 1;
    c.t = 2000;
    await triage('hi');
    await settle();
    expect((await registry.current())?.version).toBe(1);
    expect(state.loads).toBe(3);
  });

  it('keeps the loaded model when a look-up fails, and reports it', async () => {
    const { state, store } = fakeStore({ 1: v1 });
    state.current = 1;
    const c = clock();
    const warnings: string[] = [];
    const registry = new ModelRegistry(store, 'm', { refreshMs: 1000, now: c.now, warn: (m) => warnings.push(m) });
    await registry.current();
    state.fail = true;
    c.t = 1000;
    await registry.current();
    await settle();
    expect((await registry.current())?.version).toBe(1);
    expect(warnings).toEqual(['intent model m: database unavailable; keeping v1']);
  });

  it('answers keyword triage when the first look-up fails', async () => {
    const { state, store } = fakeStore({});
    state.fail = true;
    const { triage } = createTriage(noDb, { model: 'm', warn: () => undefined }, store);
    expect(await triage('where is my order')).toEqual(keywordTriage('where is my order'));
  });
});

describe('createTriage warming up', () => {
  it('loads the default model before any message, and opens no encoder for a model without an encoder head', async () => {
    const { store, loads } = namedStore({ 'conversation-default': { current: 1, versions: { 1: v1 } } });
    const { triage, warmUp } = createTriage(noDb, { model: 'conversation-default' }, store);
    expect(await warmUp()).toEqual({ model: { name: 'conversation-default', version: 1 }, encoder: null });
    expect(loads).toEqual(['conversation-default v1']);
    expect((await triage('where is my order')).model).toEqual({ name: 'conversation-default', version: 1 });
    expect(loads).toEqual(['conversation-default v1']);
  });

  it('loads the model once when the first message arrives during the warm-up', async () => {
    const { store, loads } = namedStore({ 'conversation-default': { current: 1, versions: { 1: v1 } } });
    const { triage, warmUp } = createTriage(noDb, { model: 'conversation-default' }, store);
    const [, signals] = await Promise.all([warmUp(), triage('where is my order')]);
    expect(signals.model).toEqual({ name: 'conversation-default', version: 1 });
    expect(loads).toEqual(['conversation-default v1']);
  });

  it('readies nothing while no model is stored, and the first message then looks for one again', async () => {
    const models: Parameters<typeof namedStore>[0] = {};
    const { store, loads } = namedStore(models);
    const c = clock();
    const { triage, warmUp } = createTriage(noDb, { model: 'conversation-default', refreshMs: 30_000, now: c.now }, store);
    expect(await warmUp()).toEqual({ model: null, encoder: null });
    expect(loads).toEqual([]);
    // the API trains the shipped model a moment after the worker started
    models['conversation-default'] = { current: 1, versions: { 1: v1 } };
    c.t = 1000;
    expect((await triage('where is my order')).model).toEqual({ name: 'conversation-default', version: 1 });
    expect(loads).toEqual(['conversation-default v1']);
  });
});

describe('createTriage with the model a classify node names', () => {
  const models = () =>
    namedStore({
      'conversation-default': { current: 1, versions: { 1: v1 } },
      retention: { current: 2, versions: { 1: v1, 2: v2 } },
    });

  it('reads with the default model when none is named, and says which version read it', async () => {
    const { store } = models();
    const { triage } = createTriage(noDb, { model: 'conversation-default' }, store);
    const signals = await triage('cancel my subscription');
    expect(signals.model).toEqual({ name: 'conversation-default', version: 1 });
    expect(signals.intents.map((i) => i.label)).not.toContain('cancellation');
  });

  it("reads with a named model's current version", async () => {
    const { store } = models();
    const { triage } = createTriage(noDb, { model: 'conversation-default' }, store);
    const signals = await triage('cancel my subscription', { name: 'retention' });
    expect(signals.model).toEqual({ name: 'retention', version: 2 });
    expect(signals.intents[0].label).toBe('cancellation');
  });

  it('keeps a pinned version when the current one moves, and never looks the current version up for it', async () => {
    const { store, loads } = models();
    const c = clock();
    const { triage, registryFor } = createTriage(noDb, { model: 'conversation-default', refreshMs: 1000, now: c.now }, store);
    const pinned = await triage('cancel my subscription', { name: 'retention', version: 1 });
    expect(pinned.model).toEqual({ name: 'retention', version: 1 });
    expect(pinned.intents.map((i) => i.label)).not.toContain('cancellation');
    c.t = 10_000;
    await triage('hi', { name: 'retention', version: 1 });
    await settle();
    expect(loads.filter((load) => load.startsWith('retention'))).toEqual(['retention v1']);
    expect(registryFor({ name: 'retention', version: 1 })).toBe(registryFor({ name: 'retention', version: 1 }));
    expect(registryFor({ name: 'retention', version: 1 })).not.toBe(registryFor({ name: 'retention' }));
  });

  it('is the default registry when the default model is named without a version', () => {
    const { store } = models();
    const { registry, registryFor } = createTriage(noDb, { model: 'conversation-default' }, store);
    expect(registryFor({ name: 'conversation-default' })).toBe(registry);
    expect(registryFor()).toBe(registry);
  });

  it('falls back to keyword triage, and reports it, when the named model or version is not stored', async () => {
    const { store } = models();
    const warnings: string[] = [];
    const { triage } = createTriage(noDb, { model: 'conversation-default', warn: (m) => warnings.push(m) }, store);
    expect(await triage('where is my order', { name: 'nobody' })).toEqual(keywordTriage('where is my order'));
    expect(await triage('where is my order', { name: 'retention', version: 9 })).toEqual(keywordTriage('where is my order'));
    expect(warnings).toEqual(['intent model retention v9: intent model retention v9 is not stored; keyword triage meanwhile']);
  });

  it('keeps at most maxModels named models loaded, dropping the least recently used', async () => {
    const { store, loads } = models();
    const { triage } = createTriage(noDb, { model: 'conversation-default', maxModels: 1 }, store);
    await triage('hi', { name: 'retention', version: 1 });
    await triage('hi', { name: 'retention', version: 2 });
    await triage('hi', { name: 'retention', version: 1 });
    expect(loads.filter((load) => load.startsWith('retention'))).toEqual(['retention v1', 'retention v2', 'retention v1']);
  });
});

/** The triage against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
describe('createTriage on PostgreSQL', () => {
  const database = freshDatabase('nlu');
  let db: DataSource;
  const storeVersion = (version: number, model: IntentModel) =>
    db.query(
      `INSERT INTO nlu_models (name, version, status, author, word_vectors, training_summary, model, model_bytes, created_at, finished_at)
       VALUES ('support', $1, 'ready', 'test', false, '{}', $2, 1, now(), now())`,
      [version, packIntentModel(JSON.stringify(model.serialize()))],
    );

  beforeAll(async () => {
    db = await database.open();
  }, 30_000);

  afterAll(() => database.close());

  it('runs keyword triage until a version is current, then loads the current version and follows it', async () => {
    const c = clock();
    const { triage, registry } = createTriage(db, { model: 'support', refreshMs: 1000, now: c.now });
    expect(await triage('cancel my subscription')).toEqual(keywordTriage('cancel my subscription'));

    await db.query(`INSERT INTO nlu_training_sets (name, examples, updated_by, updated_at) VALUES ('support', '{}', 'test', now())`);
    await storeVersion(1, v1);
    await storeVersion(2, v2);
    await db.query(`UPDATE nlu_training_sets SET current_version = 2 WHERE name = 'support'`);
    c.t = 1000;
    await registry.current();
    await eventuallyVersion(registry, 2);
    expect((await triage('cancel my subscription')).intents[0].label).toBe('cancellation');

    await db.query(`UPDATE nlu_training_sets SET current_version = 1 WHERE name = 'support'`);
    c.t = 2000;
    await registry.current();
    await eventuallyVersion(registry, 1);
    expect((await triage('cancel my subscription')).intents.map((i) => i.label)).not.toContain('cancellation');

    const pinned = await triage('cancel my subscription', { name: 'support', version: 2 });
    expect(pinned.model).toEqual({ name: 'support', version: 2 });
    expect(pinned.intents[0].label).toBe('cancellation');
  });

  it('says why a model a flow names cannot be used', async () => {
    await db.query(`INSERT INTO nlu_training_sets (name, examples, updated_by, updated_at) VALUES ('untrained', '{}', 'test', now()) ON CONFLICT DO NOTHING`);
    await db.query(
      `INSERT INTO nlu_models (name, version, status, author, word_vectors, created_at) VALUES ('support', 3, 'training', 'test', false, now())`,
    );
    expect(await missingIntentModel(db, { name: 'nobody' })).toEqual({ reason: 'no_model', message: 'there is no intent model named "nobody"' });
    expect(await missingIntentModel(db, { name: 'untrained' })).toEqual({ reason: 'untrained', message: 'the intent model "untrained" has no trained version yet' });
    expect(await missingIntentModel(db, { name: 'support', version: 7 })).toEqual({ reason: 'no_version', message: 'the intent model "support" has no version 7' });
    expect(await missingIntentModel(db, { name: 'support', version: 3 })).toEqual({
      reason: 'version_not_ready',
      message: 'version 3 of the intent model "support" is training, not ready',
    });
    expect(await missingIntentModel(db, { name: 'support' })).toBeNull();
    expect(await missingIntentModel(db, { name: 'support', version: 2 })).toBeNull();
  });
});

/** Waits for the registry's background look-up (a database round trip) to swap the version in. */
async function eventuallyVersion(registry: ModelRegistry, version: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const loaded = await registry.current();
    if (loaded?.version === version) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the registry never loaded v${version}`);
}

describe('createTriage with a model trained with the sentence encoder', () => {
  let encoder: SentenceEncoder;
  let withEncoder: IntentModel;
  beforeAll(async () => {
    encoder = await SentenceEncoder.open();
    const rows = examples({ ...BASE, cancellation: ['cancel my subscription', 'close my account', 'I want to cancel', 'end my membership', 'terminate my contract', 'stop my plan'] });
    withEncoder = trainIntentModel(rows, { embeddings: { encoder: encoder.identity, vectors: await encoder.embed(rows.map((r) => r.text)) } });
  });
  afterAll(() => encoder.close());

  it('refines a message the term model is unsure of, and says so in the signals', async () => {
    const { store } = namedStore({ 'conversation-default': { current: 1, versions: { 1: withEncoder } } });
    const { triage } = createTriage(noDb, { model: 'conversation-default' }, store);
    const unsure = await triage('I no longer wish to be your customer');
    expect(unsure.model).toEqual({ name: 'conversation-default', version: 1, refinedBy: 'all-MiniLM-L6-v2-q' });
    expect(unsure.intents[0].label).toBe('cancellation');
    const sure = await triage('I was charged twice');
    expect(sure.model).toEqual({ name: 'conversation-default', version: 1 });
    expect(sure.intents[0].label).toBe('billing');
  });

  it('opens the encoder when warming up with a model that reads with it', async () => {
    const { store } = namedStore({ 'conversation-default': { current: 1, versions: { 1: withEncoder } } });
    const { warmUp } = createTriage(noDb, { model: 'conversation-default' }, store);
    expect(await warmUp()).toEqual({ model: { name: 'conversation-default', version: 1 }, encoder: 'all-MiniLM-L6-v2-q' });
  });
});
