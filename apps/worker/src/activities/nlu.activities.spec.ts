import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate, packIntentModel } from '@baton/db';
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
      return JSON.stringify(models[version].serialize());
    },
  };
  return { state, store };
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

/** The triage against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
describe('createTriage on PostgreSQL', () => {
  const serverUrl = process.env.DATABASE_URL;
  const database = `baton_nlu_${Date.now()}_${process.pid}`;
  let db: DataSource;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  const storeVersion = (version: number, model: IntentModel) =>
    db.query(
      `INSERT INTO nlu_models (name, version, status, author, word_vectors, training_summary, model, model_bytes, created_at, finished_at)
       VALUES ('support', $1, 'ready', 'test', false, '{}', $2, 1, now(), now())`,
      [version, packIntentModel(JSON.stringify(model.serialize()))],
    );

  beforeAll(async () => {
    if (!serverUrl) throw new Error('DATABASE_URL must point at a PostgreSQL server for the NLU activity tests');
    await admin(`CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
    await migrate(url);
    db = await createDataSource({ url, poolSize: 2 }).initialize();
  }, 30_000);

  afterAll(async () => {
    await db?.destroy();
    if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

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
