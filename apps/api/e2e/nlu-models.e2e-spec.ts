import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MAX_TRAINING_SET_BYTES, MAX_TRAINING_UTTERANCES, MAX_UTTERANCE_CHARS, SYNC_TRAINING_LIMIT } from '@baton/contracts';
import { createApiKey } from './support/people';
import { api, eventually, platform, sql } from './support/platform-client';

const uniqueModel = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const modelPath = (name: string) => `/nlu/models/${name}`;

const SMALL_SET = {
  order_status: ['where is my order', 'track my parcel', 'has my package shipped', 'my delivery is late', 'order status please', 'when does my order arrive'],
  billing: ['I was charged twice', 'where is my refund', 'send me my invoice', 'my payment failed', 'refund status', 'why was my card charged'],
  greeting: ['hello', 'hi there', 'good morning', 'hey', 'hiya', 'good evening'],
};
const CANCELLATION = ['cancel my subscription', 'close my account', 'I want to cancel', 'end my membership', 'terminate my contract', 'stop my plan'];

describe('intent models: the shipped model', () => {
  it('is seeded and trained at start, and classifies "when will my refund arrive" as billing', async () => {
    const versions = await api('GET', '/nlu/models/conversation-default/versions');
    expect(versions.status).toBe(200);
    expect(versions.body.currentVersion).toBe(1);
    expect(versions.body.versions[0]).toMatchObject({ version: 1, status: 'ready', current: true, author: 'baton', wordVectors: false, encoder: true });
    expect(versions.body.versions[0].summary).toMatchObject({ intents: 9, perIntent: expect.objectContaining({ billing: expect.any(Number) }) });

    const classified = await api('POST', '/nlu/models/conversation-default/classify', { text: 'when will my refund arrive' });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({ name: 'conversation-default', version: 1, outOfScope: false });
    expect(classified.body.intents[0].label).toBe('billing');
    expect(classified.body.intents[0].confidence).toBeGreaterThan(0.5);
  });

  it('serves the shipped training set with every intent of the shipped flow', async () => {
    const set = await api('GET', '/nlu/models/conversation-default/training-set');
    expect(set.status).toBe(200);
    expect(Object.keys(set.body.examples).sort()).toEqual(
      ['appointment', 'billing', 'cancellation', 'complaint', 'greeting', 'human_request', 'oos', 'order_status', 'password_reset', 'thanks'],
    );
    expect(set.body.intents).toBe(9);
  });
});

describe('intent models: training sets', () => {
  it.each([
    ['a label that is not a slug', { examples: { ...SMALL_SET, 'Order Status': ['where is it'] } }, 'examples.Order Status'],
    ['an intent without utterances', { examples: { ...SMALL_SET, billing: [] } }, 'examples.billing'],
    ['an empty utterance', { examples: { ...SMALL_SET, billing: ['refund', '   '] } }, 'examples.billing.1'],
    ['an utterance that is too long', { examples: { ...SMALL_SET, greeting: ['x'.repeat(MAX_UTTERANCE_CHARS + 1)] } }, 'examples.greeting.0'],
    ['too many utterances', { examples: { ...SMALL_SET, greeting: Array.from({ length: 2001 }, (_, i) => `hello ${i}`) } }, 'examples.greeting'],
    ['a single intent', { examples: { billing: SMALL_SET.billing } }, 'examples'],
    ['more than 200 intents', { examples: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`intent_${i}`, ['text']])) }, 'examples'],
    ['an unknown field', { examples: SMALL_SET, extra: true }, 'extra'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_case, body, field) => {
    const name = uniqueModel('invalid');
    const answer = await api('PUT', `${modelPath(name)}/training-set`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(answer.body.error.code).toMatch(/^(INVALID_FIELD|UNKNOWN_FIELD)$/);
    expect((await api('GET', `${modelPath(name)}/training-set`)).status).toBe(404);
  });

  it('takes a training set of 10,000 utterances, larger than any other body the API takes', async () => {
    const name = uniqueModel('ten-thousand');
    const examples = Object.fromEntries(
      Array.from({ length: 50 }, (_, k) => [`intent_${k}`, Array.from({ length: 200 }, (_, n) => `customer question number ${n} about topic ${k} please help`)]),
    );
    expect(JSON.stringify({ examples }).length).toBeGreaterThan(64 * 1024);
    const put = await api('PUT', `${modelPath(name)}/training-set`, { examples });
    expect([put.status, put.body.utterances, put.body.intents]).toEqual([201, 10_000, 50]);
  });

  it('refuses a training set over its size limits, and large bodies without credentials before reading them', async () => {
    const name = uniqueModel('too-large');
    const examples = Object.fromEntries(Array.from({ length: 26 }, (_, k) => [`intent_${k}`, Array.from({ length: 2000 }, (_, n) => `u${k}-${n}`)]));
    const tooMany = await api('PUT', `${modelPath(name)}/training-set`, { examples });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].message).toBe(`examples may hold at most ${MAX_TRAINING_UTTERANCES} utterances (has 52000)`);

    const huge = JSON.stringify({ examples: { a: ['x'.repeat(MAX_TRAINING_SET_BYTES)], b: ['y'] } });
    const tooBig = await api('PUT', `${modelPath(name)}/training-set`, undefined, { rawBody: huge });
    expect([tooBig.status, tooBig.body.error.message]).toEqual([413, 'request body is too large']);
    // only a designer's (or admin's) credentials let a large body be read at all
    for (const token of [null, 'not-a-real-token', await createApiKey(['agent'])]) {
      const refused = await api('PUT', `${modelPath(name)}/training-set`, undefined, { rawBody: JSON.stringify({ examples }), token });
      expect([refused.status, refused.body.error.message]).toEqual([413, 'request body is too large']);
    }
    const designer = await api('PUT', `${modelPath(name)}/training-set`, undefined, { rawBody: JSON.stringify({ examples }), token: await createApiKey(['designer']) });
    expect([designer.status, designer.body.error.details[0].message]).toEqual([400, `examples may hold at most ${MAX_TRAINING_UTTERANCES} utterances (has 52000)`]);
    const elsewhere = await api('POST', `${modelPath(name)}/classify`, undefined, { rawBody: JSON.stringify({ text: 'x'.repeat(100 * 1024) }) });
    expect(elsewhere.status).toBe(413);
    expect((await api('GET', `${modelPath(name)}/training-set`)).status).toBe(404);
  });

  it('refuses a model name that is not an external id', async () => {
    const answer = await api('GET', '/nlu/models/bad%20name/versions');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', details: [expect.objectContaining({ field: 'name' })] });
  });

  it('answers 404 for a model that does not exist', async () => {
    const name = uniqueModel('missing');
    for (const [method, path, body] of [
      ['GET', 'versions', undefined],
      ['POST', 'train', {}],
      ['POST', 'classify', { text: 'hello' }],
      ['POST', 'rollback', { version: 1 }],
    ] as const) {
      const answer = await api(method, `${modelPath(name)}/${path}`, body);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 404, 'NLU_MODEL_NOT_FOUND']);
    }
  });
});

describe('intent models: training, versions, rollback', () => {
  it('trains versions, makes the newest current, rolls back and classifies with the current one', async () => {
    const name = uniqueModel('model');
    const put = await api('PUT', `${modelPath(name)}/training-set`, { examples: SMALL_SET, author: 'ops@example.com' });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ name, intents: 3, utterances: 18, updatedBy: 'ops@example.com' });
    expect((await api('POST', `${modelPath(name)}/classify`, { text: 'hello' })).body.error.code).toBe('NLU_MODEL_NOT_FOUND');

    const first = await api('POST', `${modelPath(name)}/train`, { author: 'ops@example.com' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name, version: 1, status: 'ready', current: true, author: 'ops@example.com' });
    expect(first.body.summary).toMatchObject({ examples: 18, intents: 3, perIntent: { order_status: 6, billing: 6, greeting: 6 } });
    expect(first.body.modelBytes).toBeGreaterThan(0);
    expect((await api('POST', `${modelPath(name)}/classify`, { text: 'cancel my subscription' })).body.intents.map((i: any) => i.label)).not.toContain(
      'cancellation',
    );

    const replaced = await api('PUT', `${modelPath(name)}/training-set`, { examples: { ...SMALL_SET, cancellation: CANCELLATION } });
    expect(replaced.status).toBe(200);
    expect((await api('GET', `${modelPath(name)}/training-set`)).body.examples.cancellation).toEqual(CANCELLATION);
    const second = await api('POST', `${modelPath(name)}/train`, {});
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, status: 'ready', current: true, author: 'api' });
    const cancel = await api('POST', `${modelPath(name)}/classify`, { text: 'I want to cancel my subscription' });
    expect([cancel.body.version, cancel.body.intents[0].label]).toEqual([2, 'cancellation']);

    const versions = await api('GET', `${modelPath(name)}/versions`);
    expect(versions.body.currentVersion).toBe(2);
    expect(versions.body.versions.map((v: any) => [v.version, v.status, v.current])).toEqual([
      [2, 'ready', true],
      [1, 'ready', false],
    ]);

    const rolledBack = await api('POST', `${modelPath(name)}/rollback`, { version: 1 });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.currentVersion).toBe(1);
    const afterRollback = await api('POST', `${modelPath(name)}/classify`, { text: 'I want to cancel my subscription' });
    expect(afterRollback.body.version).toBe(1);
    expect(afterRollback.body.intents.map((i: any) => i.label)).not.toContain('cancellation');
    const stored = await sql(`SELECT current_version FROM nlu_training_sets WHERE name = $1`, [name]);
    expect(stored).toEqual([{ current_version: 1 }]);
  });

  it('trains with the sentence encoder, which refines the messages the term model is unsure of', async () => {
    const name = uniqueModel('encoder');
    await api('PUT', `${modelPath(name)}/training-set`, { examples: { ...SMALL_SET, cancellation: CANCELLATION } });
    const trained = await api('POST', `${modelPath(name)}/train`, { encoder: true });
    expect(trained.status).toBe(201);
    expect(trained.body).toMatchObject({ version: 1, status: 'ready', encoder: true, wordVectors: false });
    expect(trained.body.summary.cvRefinedShare).toBeGreaterThan(0);

    // Phrasings that share no word with the examples leave the term model unsure: the encoder answers them.
    const unsure = { 'I no longer wish to be your customer': 'cancellation', 'the courier never turned up with my stuff': 'order_status' };
    for (const [text, label] of Object.entries(unsure)) {
      const answer = await api('POST', `${modelPath(name)}/classify`, { text });
      expect(answer.status).toBe(200);
      expect([text, answer.body.refinedBy, answer.body.intents[0].label]).toEqual([text, 'all-MiniLM-L6-v2-q', label]);
    }
    const sure = await api('POST', `${modelPath(name)}/classify`, { text: 'I was charged twice' });
    expect([sure.body.refinedBy, sure.body.intents[0].label]).toEqual([null, 'billing']);
  });

  it('chooses the out-of-scope threshold for the operating point asked, records it, and refuses one out of range', async () => {
    const name = uniqueModel('operating');
    const shipped = await api('GET', '/nlu/models/conversation-default/training-set');
    await api('PUT', `${modelPath(name)}/training-set`, { examples: shipped.body.examples });
    const byDefault = await api('POST', `${modelPath(name)}/train`, {});
    const strict = await api('POST', `${modelPath(name)}/train`, { maxInScopeAccuracyDrop: 0 });
    const loose = await api('POST', `${modelPath(name)}/train`, { maxInScopeAccuracyDrop: 0.2 });
    expect([byDefault.status, strict.status, loose.status]).toEqual([201, 201, 201]);
    expect([byDefault.body.maxInScopeAccuracyDrop, strict.body.maxInScopeAccuracyDrop, loose.body.maxInScopeAccuracyDrop]).toEqual([0.015, 0, 0.2]);

    // 0 never turns away a message the model gets right; 0.2 trades accuracy for flagging more
    const [s, l] = [strict.body.summary, loose.body.summary];
    expect(s.cvInScopeAccuracyAtThreshold).toBe(s.cvAccuracy);
    expect(l.cvInScopeAccuracyAtThreshold).toBeGreaterThanOrEqual(l.cvAccuracy - 0.2);
    expect(l.cvOutOfScopeRecallAtThreshold).toBeGreaterThan(s.cvOutOfScopeRecallAtThreshold);
    expect(l.threshold).toBeLessThan(s.threshold);
    const stored = await sql(`SELECT version, max_in_scope_accuracy_drop FROM nlu_models WHERE name = $1 ORDER BY version`, [name]);
    expect(stored).toEqual([
      { version: 1, max_in_scope_accuracy_drop: 0.015 },
      { version: 2, max_in_scope_accuracy_drop: 0 },
      { version: 3, max_in_scope_accuracy_drop: 0.2 },
    ]);

    for (const [drop, message] of [
      [-0.01, 'maxInScopeAccuracyDrop must be at least 0'],
      [0.5, 'maxInScopeAccuracyDrop must be at most 0.2'],
      ['lots', 'maxInScopeAccuracyDrop must be a number'],
    ] as const) {
      const refused = await api('POST', `${modelPath(name)}/train`, { maxInScopeAccuracyDrop: drop });
      expect([refused.status, refused.body.error.details[0].field]).toEqual([400, 'maxInScopeAccuracyDrop']);
      expect(refused.body.error.details[0].message).toContain(message);
    }
    expect((await api('GET', `${modelPath(name)}/versions`)).body.versions).toHaveLength(3);
  });

  it('refuses a rollback to a version that does not exist or is not a number', async () => {
    const name = uniqueModel('rollback');
    await api('PUT', `${modelPath(name)}/training-set`, { examples: SMALL_SET });
    expect((await api('POST', `${modelPath(name)}/train`, {})).status).toBe(201);
    const missing = await api('POST', `${modelPath(name)}/rollback`, { version: 7 });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NLU_MODEL_VERSION_NOT_FOUND']);
    const invalid = await api('POST', `${modelPath(name)}/rollback`, { version: 'one' });
    expect([invalid.status, invalid.body.error.details[0].field]).toEqual([400, 'version']);
    expect((await api('GET', `${modelPath(name)}/versions`)).body.currentVersion).toBe(1);
  });

  it('refuses an empty text to classify and unknown training options', async () => {
    const empty = await api('POST', '/nlu/models/conversation-default/classify', { text: '  ' });
    expect([empty.status, empty.body.error.details[0].field]).toEqual([400, 'text']);
    const unknown = await api('POST', '/nlu/models/conversation-default/train', { epochs: 3 });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });

  it(`trains a set over ${SYNC_TRAINING_LIMIT} utterances in the background (202) and makes it current when ready`, async () => {
    const name = uniqueModel('large');
    const subjects = ['order', 'parcel', 'package', 'delivery', 'shipment', 'box', 'purchase'];
    const refunds = ['refund', 'invoice', 'charge', 'payment', 'receipt', 'bill', 'fee'];
    const greetings = ['hello', 'hi', 'hey', 'good morning', 'good evening', 'hiya', 'greetings'];
    const variants = (words: string[], frames: string[]) => words.flatMap((word) => frames.map((frame) => frame.replace('$', word)));
    const numbered = (list: string[]) => Array.from({ length: 700 }, (_, i) => `${list[i % list.length]} ${Math.floor(i / list.length)}`);
    const examples = {
      order_status: numbered(variants(subjects, ['where is my $', 'track my $', 'has my $ shipped'])),
      billing: numbered(variants(refunds, ['where is my $', 'question about my $', 'my $ is wrong'])),
      greeting: numbered(variants(greetings, ['$', '$ there', '$ support'])),
    };
    expect((await api('PUT', `${modelPath(name)}/training-set`, { examples })).status).toBe(201);
    const started = await api('POST', `${modelPath(name)}/train`, { encoder: true });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ name, version: 1, status: 'training', summary: null });

    // while it trains, the version says how far it has come: embedding, then the model's own stages;
    // the row holds it, so another API process reports it too
    const seen: Array<{ stage: string; fraction: number }> = [];
    const stored: Array<{ stage: string; fraction: number }> = [];
    const storedProgress = async () => (await sql('SELECT progress FROM nlu_models WHERE name = $1 AND version = 1', [name]))[0]?.progress ?? null;
    const ready = await eventually(
      async () => {
        const list = (await api('GET', `${modelPath(name)}/versions`)).body;
        if (list.versions[0]?.progress) seen.push(list.versions[0].progress);
        const row = await storedProgress();
        if (row) stored.push(row);
        return list;
      },
      (list) => list.versions[0]?.status !== 'training',
      120_000,
    );
    expect(seen.map((p) => p.stage)).toContain('embedding');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.every((p) => p.fraction >= 0 && p.fraction <= 1)).toBe(true);
    expect(stored.map((p) => p.stage)).toContain('embedding');
    expect(ready.versions[0].progress).toBeNull();
    expect(await storedProgress()).toBeNull();
    expect(ready.currentVersion).toBe(1);
    expect(ready.versions[0]).toMatchObject({ status: 'ready', current: true, summary: expect.objectContaining({ examples: 2100, intents: 3 }) });
    const classified = await api('POST', `${modelPath(name)}/classify`, { text: 'track my parcel please' });
    expect(classified.body.intents[0].label).toBe('order_status');
  });
});

const execute = promisify(execFile);
const cli = path.resolve(__dirname, '../../cli/src/main.ts');

/** Runs the real `baton` command against the test platform; returns the exit code and output. */
async function baton(args: string[]) {
  try {
    const { stdout } = await execute(process.execPath, ['-r', '@swc-node/register', cli, ...args], {
      env: { ...process.env, BATON_API_URL: platform.apiUrl, BATON_API_TOKEN: platform.apiToken },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('baton nlu', () => {
  it('trains from a CSV, lists versions and evaluates labelled rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-nlu-'));
    const name = uniqueModel('cli');
    const training = path.join(dir, 'training.csv');
    const rows = Object.entries({ ...SMALL_SET, cancellation: CANCELLATION }).flatMap(([label, texts]) => texts.map((text) => `"${text}",${label}`));
    writeFileSync(training, ['text,label', ...rows].join('\n'));
    const trained = await baton(['nlu', 'train', training, '--model', name, '--json', '--author', 'ci', '--max-in-scope-drop', '2.5']);
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout)).toMatchObject({
      trainingSet: { intents: 4, utterances: 24 },
      version: { version: 1, status: 'ready', author: 'ci', maxInScopeAccuracyDrop: 0.025 },
    });

    const versions = await baton(['nlu', 'versions', name]);
    expect(versions.code).toBe(0);
    expect(versions.stdout).toMatch(/^\* v1 +ready .*out of scope: [\d.]+% flagged at [\d.]+% in-scope accuracy/m);
    // without a model named, the commands work on the model triage uses
    const shipped = await baton(['nlu', 'versions', '--json']);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ name: 'conversation-default', currentVersion: 1 });

    const labelled = path.join(dir, 'labelled.csv');
    writeFileSync(labelled, ['label,text', 'billing,"I was charged twice, please help"', 'order_status,where is my parcel', 'oos,what is the capital of France'].join('\n'));
    const evaluated = await baton(['nlu', 'eval', labelled, '--model', name, '--json']);
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report).toMatchObject({ name, version: 1, rows: 3, oosRows: 1 });
    expect(report.perIntent.map((intent: any) => intent.label).sort()).toEqual(['billing', 'order_status']);
    expect([report.accuracy, report.outOfScopeRate]).toEqual([100, 0]);
    expect(report.perIntent.map((intent: any) => intent.recall)).toEqual([100, 100]);

    // "hello" is a greeting, so a row that calls it billing makes one mistake in three.
    const mislabelled = path.join(dir, 'mislabelled.csv');
    writeFileSync(mislabelled, ['text,label', 'hello,billing', 'where is my parcel,order_status', 'my payment failed,billing'].join('\n'));
    const gated = await baton(['nlu', 'eval', name, '--file', mislabelled, '--min-accuracy', '90']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/accuracy 66\.67%/);
    expect(gated.stdout).toMatch(/billing +recall +50%.*confused with greeting x1/);
    const badGate = await baton(['nlu', 'eval', name, '--file', labelled, '--min-accuracy', '101']);
    expect(badGate.code).toBe(2);
    expect(badGate.stderr).toContain('--min-accuracy must be a percentage');
  });

  it('exits 2 with the API error for an invalid training file or an unknown model', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-nlu-'));
    const file = path.join(dir, 'one-intent.json');
    writeFileSync(file, JSON.stringify({ examples: { billing: ['refund please'] } }));
    const invalid = await baton(['nlu', 'train', uniqueModel('cli'), '--file', file]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('examples must hold at least 2 intents');
    const unknown = await baton(['nlu', 'versions', uniqueModel('none')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no model named');
  });
});
