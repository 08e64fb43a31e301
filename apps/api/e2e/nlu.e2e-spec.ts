import { randomUUID } from 'node:crypto';
import { smallPolicyFlow } from '@baton/flow/testing';
import { api } from './support/platform-client';

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Trains a small model under a new name (twice when `versions` is 2: the second learns cancellation). */
async function trainModel(versions = 1): Promise<string> {
  const name = uniqueName('e2e-triage');
  const base = {
    order_status: ['where is my order', 'track my parcel', 'has my package shipped', 'my delivery is late', 'order status please', 'when does my order arrive'],
    greeting: ['hello', 'hi there', 'good morning', 'hey', 'hiya', 'good evening'],
  };
  const sets = [base, { ...base, cancellation: ['cancel my subscription', 'close my account', 'I want to cancel', 'end my membership', 'terminate my contract', 'stop my plan'] }];
  for (const examples of sets.slice(0, versions)) {
    expect((await api('PUT', `/nlu/models/${name}/training-set`, { examples })).status).toBeLessThan(300);
    expect((await api('POST', `/nlu/models/${name}/train`, {})).status).toBe(201);
  }
  return name;
}

describe('POST /nlu/triage', () => {
  it('answers the signals triage reads in a message and stores nothing', async () => {
    const answer = await api('POST', '/nlu/triage', { text: 'I want to cancel my subscription, where is ORD-10042?' });
    expect(answer.status).toBe(200);
    expect(answer.body.intents.map((intent: { label: string }) => intent.label)).toEqual(expect.arrayContaining(['cancellation', 'order_status']));
    expect(answer.body.entities.orderNumbers).toEqual(['ORD-10042']);
    expect(typeof answer.body.sentiment).toBe('number');
    expect(answer.body.risks).toEqual([]);
  });

  it("answers what the worker's triage reads: the shipped model's intents and verdict, the keyword signals and the language", async () => {
    const answer = await api('POST', '/nlu/triage', { text: 'When will my refund arrive? My card 4111 1111 1111 1111 was charged twice' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ model: { name: 'conversation-default', version: expect.any(Number) }, outOfScope: false, language: 'en' });
    expect(answer.body.intents[0].label).toBe('billing');
    const spanish = await api('POST', '/nlu/triage', { text: '¿Dónde está mi pedido? Llevo dos semanas esperando y nadie me contesta' });
    expect(spanish.body.language).toBe('es');
    expect((await api('POST', '/nlu/triage', { text: 'ok' })).body.language).toBe('und');
  });

  it('reads with the model the request names: its current version, or a pinned one', async () => {
    const name = await trainModel(2);
    const current = await api('POST', '/nlu/triage', { text: 'I want to cancel my subscription', model: { name } });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ model: { name, version: 2 }, language: 'en' });
    expect(current.body.intents[0].label).toBe('cancellation');
    const pinned = await api('POST', '/nlu/triage', { text: 'I want to cancel my subscription', model: { name, version: 1 } });
    expect(pinned.body.model).toEqual({ name, version: 1 });
    expect(pinned.body.intents.map((intent: { label: string }) => intent.label)).not.toContain('cancellation');
  });

  it('refuses a model that does not exist or a version it does not have', async () => {
    const name = await trainModel();
    const cases: [unknown, number, string][] = [
      [{ name: uniqueName('nobody') }, 404, 'NLU_MODEL_NOT_FOUND'],
      [{ name, version: 9 }, 404, 'NLU_MODEL_VERSION_NOT_FOUND'],
      [{ name, version: 0 }, 400, 'INVALID_FIELD'],
      [{ name: 'has space' }, 400, 'INVALID_FIELD'],
      [{ name, latest: true }, 400, 'UNKNOWN_FIELD'],
    ];
    for (const [model, status, code] of cases) {
      const answer = await api('POST', '/nlu/triage', { text: 'where is my order', model });
      expect([model, answer.status, answer.body.error.code]).toEqual([model, status, code]);
    }
  });

  it('refuses bad input with a code naming the problem', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'MISSING_FIELD'],
      [{ text: '   ' }, 400, 'MESSAGE_EMPTY'],
      [{ text: 42 }, 400, 'INVALID_FIELD'],
      [{ text: 'hi', extra: true }, 400, 'UNKNOWN_FIELD'],
      [{ text: 'a'.repeat(8193) }, 413, 'MESSAGE_TOO_LONG'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await api('POST', '/nlu/triage', body);
      expect([body, answer.status, answer.body.error.code]).toEqual([body, status, code]);
    }
  });

  it('needs the API token', async () => {
    expect((await api('POST', '/nlu/triage', { text: 'hi' }, { token: null })).status).toBe(401);
  });
});

describe('publishing a flow whose classify node names an intent model', () => {
  const withModel = (id: string, model: Record<string, unknown>) => {
    const flow = smallPolicyFlow(id) as { nodes: { id: string; config: Record<string, unknown> }[] };
    flow.nodes.find((node) => node.id === 'classify')!.config.model = model;
    return flow;
  };
  const publishDraft = async (model: Record<string, unknown>) => {
    const name = uniqueName('e2e-model-flow');
    expect((await api('POST', '/flows', { name, kind: 'conversation', flow: withModel(name, model) })).status).toBe(201);
    return { name, answer: await api('POST', `/flows/${name}/publish`, { message: 'publish', author: 'designer-1' }) };
  };

  it('refuses with 422 naming the node and the model when the model is not trained, and publishes nothing', async () => {
    const missing = uniqueName('nobody');
    const { name, answer } = await publishDraft({ name: missing });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('FLOW_INVALID');
    expect(answer.body.error.details).toEqual([
      { code: 'FLOW_INVALID', field: 'nodes.classify.config.model', message: `classify: there is no intent model named "${missing}"` },
    ]);
    expect(answer.body.error.problems).toEqual([expect.objectContaining({ code: 'unknown_model', nodeId: 'classify', field: 'config.model' })]);
    expect((await api('GET', `/flows/${name}`)).body.currentVersion).toBeNull();
  });

  it('refuses a pinned version the model does not have, and publishes one it has', async () => {
    const model = await trainModel();
    const pinnedMissing = await publishDraft({ name: model, version: 5 });
    expect(pinnedMissing.answer.status).toBe(422);
    expect(pinnedMissing.answer.body.error.details[0].message).toBe(`classify: the intent model "${model}" has no version 5`);
    expect((await publishDraft({ name: model, version: 1 })).answer.status).toBe(201);
    expect((await publishDraft({ name: model })).answer.status).toBe(201);
  });
});
