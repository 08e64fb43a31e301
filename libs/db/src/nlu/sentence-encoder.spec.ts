import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntentModel, trainIntentModel, WordPieceTokenizer, type SerializedIntentModel, type TrainingExample, type WordPieceVocabulary } from '@baton/nlu';
import { classifyIntent, ENCODER_NAME, encoderDir, encoderInstalled, SentenceEncoder, sharedEncoder } from './sentence-encoder';

/*
 * The real encoder (all-MiniLM-L6-v2, int8 ONNX), as `tools/ensure-encoder.sh` installs it into
 * .tools/encoder at install time (on developer machines and in CI alike).
 */

const DIM = 384;
const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d] * b[d];
  return dot;
};
const norm = (v: Float32Array): number => Math.sqrt(cosine(v, v));

function expectUnit(v: Float32Array): void {
  expect(v).toBeInstanceOf(Float32Array);
  expect(v.length).toBe(DIM);
  for (const x of v) expect(Number.isFinite(x)).toBe(true);
  expect(norm(v)).toBeCloseTo(1, 4);
}

const DATA: Record<string, string[]> = {
  card_arrival: [
    'my card has not arrived yet',
    'when will my new card come',
    'still waiting for my card in the post',
    'how long does card delivery take',
    'the card you sent me never showed up',
    'I ordered a card weeks ago and nothing',
    'where is my debit card',
    'my replacement card is late',
  ],
  lost_card: [
    'I lost my card',
    'my card was stolen',
    'I cannot find my wallet with my card',
    'someone took my card, block it',
    'freeze my card, it is missing',
    'I left my card at a restaurant',
    'my purse was stolen with the card in it',
    'please cancel my lost card',
  ],
  transfer_failed: [
    'my transfer failed',
    'the money I sent did not go through',
    'why was my bank transfer declined',
    'payment to my friend was rejected',
    'transfer is stuck and not completed',
    'I tried to send money but it bounced',
    'the wire transfer did not arrive',
    'my payment to another account failed',
  ],
  exchange_rate: [
    'what exchange rate do you use',
    'how much is a euro in dollars',
    'the currency conversion rate seems wrong',
    'why did I get a bad rate for pounds',
    'what is your fx rate today',
    'how are foreign currency rates calculated',
    'the exchange rate changed my amount',
    'do you charge a markup on the exchange rate',
  ],
};
const EXAMPLES: TrainingExample[] = Object.entries(DATA).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('SentenceEncoder (all-MiniLM-L6-v2, int8)', () => {
  let encoder: SentenceEncoder;

  beforeAll(async () => {
    expect(encoderInstalled()).toBe(true);
    encoder = await SentenceEncoder.open();
  }, 60_000);

  afterAll(async () => {
    await encoder?.close();
  });

  it('names itself, its model file and its dimension', () => {
    expect(encoder.identity.name).toBe('all-MiniLM-L6-v2-q');
    expect(encoder.identity.name).toBe(ENCODER_NAME);
    expect(encoder.identity.dim).toBe(DIM);
    expect(encoder.identity.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the uncased BERT vocabulary its tokenizer.json holds', () => {
    const tokenizer = new WordPieceTokenizer(JSON.parse(readFileSync(path.join(encoderDir(), 'tokenizer.json'), 'utf8')) as WordPieceVocabulary);
    expect(tokenizer.encode('Hello, World!')).toEqual([101, 7592, 1010, 2088, 999, 102]);
    expect(tokenizer.encode('Café')).toEqual(tokenizer.encode('cafe'));
  });

  const MIXED = [
    'a considerably longer message about a card that was ordered weeks ago and has still not arrived at my address',
    'hi',
    'what is the exchange rate',
    'my transfer failed',
    'x',
    'I would like to know why the money I sent to my friend yesterday evening did not go through',
  ];

  it('embeds texts as unit-length vectors, one per text in the order given', async () => {
    const together = await encoder.embed(MIXED);
    expect(together.length).toBe(MIXED.length);
    for (const v of together) expectUnit(v);
    const alone: Float32Array[] = [];
    for (const text of MIXED) alone.push((await encoder.embed([text]))[0]);
    for (let i = 0; i < MIXED.length; i++) {
      // each text's vector is its own, and much nearer to it than to any other text's
      const similarities = alone.map((a) => cosine(a, together[i]));
      expect(similarities[i]).toBeGreaterThan(0.95);
      for (let j = 0; j < MIXED.length; j++) if (j !== i) expect(similarities[j]).toBeLessThan(similarities[i] - 0.3);
    }
    expect(await encoder.embed([])).toEqual([]);
  }, 60_000);

  it('embeds a text alone the same way every time', async () => {
    const [first] = await encoder.embed([MIXED[3]]);
    const [second] = await encoder.embed([MIXED[3]]);
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it('gives a text the same vector (to 1e-4) alone and among others of other lengths', async () => {
    const together = await encoder.embed(MIXED);
    for (let i = 0; i < MIXED.length; i++) {
      const [alone] = await encoder.embed([MIXED[i]]);
      for (let d = 0; d < DIM; d++) expect(Math.abs(alone[d] - together[i][d])).toBeLessThan(1e-4);
    }
  }, 60_000);

  it('places paraphrases closer than unrelated sentences', async () => {
    const [card, paraphrase, weather] = await encoder.embed(['my card has not arrived', "I still haven't received my card", 'what is the weather in Paris']);
    expect(cosine(card, paraphrase)).toBeGreaterThan(cosine(card, weather));
    expect(cosine(card, paraphrase)).toBeGreaterThan(0.5);
    expect(cosine(card, weather)).toBeLessThan(0.3);
  }, 60_000);

  it('embeds hostile input without throwing', async () => {
    const inputs = [
      '',
      '   ',
      '😀😀😀🎉',
      '<div onclick="x()">where <b>is</b> my card</div>',
      'my\u0000card\u0007has\u001b[31m not arrived',
      'my card has not arrived '.repeat(870).slice(0, 20_000),
      'x'.repeat(20_000),
      '东京 Café ❤️ \ud800',
    ];
    expect(inputs[5].length).toBe(20_000);
    const vectors = await encoder.embed(inputs);
    expect(vectors.length).toBe(inputs.length);
    for (const v of vectors) expectUnit(v);
    // a long message is read from its start (both are cut to the same first 128 tokens)
    const [long] = await encoder.embed([inputs[5]]);
    const [start] = await encoder.embed(['my card has not arrived '.repeat(30)]);
    expect(Array.from(long)).toEqual(Array.from(start));
  }, 60_000);

  it('tells where to get the encoder when it is not installed', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'baton-encoder-'));
    try {
      expect(encoderInstalled(empty)).toBe(false);
      await expect(SentenceEncoder.open({ dir: empty })).rejects.toThrow('tools/ensure-encoder.sh');
      await expect(SentenceEncoder.open({ dir: empty })).rejects.toThrow(empty);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('classifyIntent', () => {
    let model: IntentModel;
    const unsure = 'my card';

    beforeAll(async () => {
      const vectors = await encoder.embed(EXAMPLES.map((e) => e.text));
      model = trainIntentModel(EXAMPLES, { embeddings: { encoder: encoder.identity, vectors } });
    }, 60_000);

    it('refines a message the term model is unsure of with its embedding', async () => {
      expect(model.encoder).toEqual(encoder.identity);
      const first = model.classify(unsure);
      expect(first.wantsEmbedding).toBe(true);
      const r = await classifyIntent(model, encoder, unsure);
      expect(r.refinedBy).toBe(ENCODER_NAME);
      expect(r.wantsEmbedding).toBeUndefined();
      const [embedding] = await encoder.embed([unsure]);
      expect(r).toEqual(model.classify(unsure, embedding));
    }, 60_000);

    it('answers a confident message from the term model without embedding it', async () => {
      const text = 'what exchange rate do you use for euros';
      const first = model.classify(text);
      expect(first.wantsEmbedding).toBeUndefined();
      const embed = jest.spyOn(encoder, 'embed');
      try {
        expect(await classifyIntent(model, encoder, text)).toEqual(first);
        expect(embed).not.toHaveBeenCalled();
        await classifyIntent(model, encoder, unsure);
        expect(embed).toHaveBeenCalledTimes(1);
      } finally {
        embed.mockRestore();
      }
    });

    it('answers from the term model when there is no encoder', async () => {
      const r = await classifyIntent(model, null, unsure);
      expect(r).toEqual(model.classify(unsure, null));
      expect(r.threshold).toBe(model.threshold);
      expect(r.refinedBy).toBeUndefined();
      expect(r.wantsEmbedding).toBeUndefined();
    });

    it('answers from the term model when the model was trained with another encoder', async () => {
      const data = JSON.parse(JSON.stringify(model.serialize())) as SerializedIntentModel;
      data.encoderHead!.encoder = { ...data.encoderHead!.encoder, sha256: '0'.repeat(64) };
      const other = IntentModel.load(data);
      expect(other.classify(unsure).wantsEmbedding).toBe(true);
      const r = await classifyIntent(other, encoder, unsure);
      expect(r.refinedBy).toBeUndefined();
      expect(r).toEqual(other.classify(unsure, null));
    });

    it('answers from the term model when the model has no encoder head', async () => {
      const plain = trainIntentModel(EXAMPLES);
      expect(plain.encoder).toBeUndefined();
      const r = await classifyIntent(plain, encoder, unsure);
      expect(r.refinedBy).toBeUndefined();
      expect(r.wantsEmbedding).toBeUndefined();
      expect(r).toEqual(plain.classify(unsure));
    });
  });
});

describe('sharedEncoder', () => {
  const installed = encoderDir();
  afterEach(() => {
    delete process.env['BATON_ENCODER_DIR'];
    jest.restoreAllMocks();
  });

  it('answers null while the encoder is missing, says so, and opens it once installed, a minute later', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'baton-no-encoder-'));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      process.env['BATON_ENCODER_DIR'] = empty;
      const started = Date.now();
      expect(await sharedEncoder(started)).toBeNull();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`not installed in ${empty}`));
      process.env['BATON_ENCODER_DIR'] = installed;
      // within the minute the failure stands; after it, the encoder is opened and then kept
      expect(await sharedEncoder(started + 30_000)).toBeNull();
      const opened = await sharedEncoder(Date.now() + 61_000);
      expect(opened?.identity.name).toBe(ENCODER_NAME);
      expect(await sharedEncoder(Date.now() + 10 * 61_000)).toBe(opened);
      expect(warn).toHaveBeenCalledTimes(1);
      await opened?.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
