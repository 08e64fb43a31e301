import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { WordPieceTokenizer, type EncoderIdentity, type IntentModel, type IntentResult, type WordPieceVocabulary } from '@baton/nlu';

/**
 * The sentence encoder intent models may be trained with: all-MiniLM-L6-v2 (int8), run on the CPU by
 * ONNX Runtime, mean-pooled and L2-normalised. `tools/ensure-encoder.sh` puts it in .tools/encoder
 * at install time (or BATON_ENCODER_DIR); nothing is downloaded at run time. ONNX Runtime is loaded
 * on first use, so processes that never embed a message do not carry it.
 */

type Ort = typeof import('onnxruntime-node');

export const ENCODER_NAME = 'all-MiniLM-L6-v2-q';
/** Threads for embedding a training set: training is a background job and may use two cores. */
export const TRAINING_THREADS = Math.min(2, availableParallelism());
/** Longest token sequence the encoder reads; longer messages are cut. */
const MAX_TOKENS = 128;

export function encoderDir(): string {
  return process.env['BATON_ENCODER_DIR'] || path.resolve(__dirname, '../../../../.tools/encoder');
}

export function encoderInstalled(dir = encoderDir()): boolean {
  return existsSync(path.join(dir, 'model.onnx')) && existsSync(path.join(dir, 'tokenizer.json'));
}

export interface EncoderOptions {
  dir?: string;
  /** Threads ONNX Runtime may use for one message (default 1). */
  threads?: number;
}

export class SentenceEncoder {
  private constructor(
    private readonly ort: Ort,
    readonly identity: EncoderIdentity,
    private readonly session: InferenceSession,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly withTokenTypes: boolean,
  ) {}

  static async open(options: EncoderOptions = {}): Promise<SentenceEncoder> {
    const dir = options.dir ?? encoderDir();
    if (!encoderInstalled(dir)) {
      throw new Error(`the sentence encoder is not installed in ${dir}: run tools/ensure-encoder.sh`);
    }
    // hashed for the identity models record; ONNX Runtime reads the file itself (handing it the
    // bytes instead keeps a second copy of the model resident, about 20 MB)
    const modelFile = path.join(dir, 'model.onnx');
    const sha256 = createHash('sha256').update(readFileSync(modelFile)).digest('hex');
    const tokenizer = new WordPieceTokenizer(JSON.parse(readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as WordPieceVocabulary);
    const ort: Ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(modelFile, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const dims = (session.outputMetadata[0] as { shape?: ReadonlyArray<number | string> } | undefined)?.shape;
    const dim = typeof dims?.[2] === 'number' ? dims[2] : 384;
    return new SentenceEncoder(ort, { name: ENCODER_NAME, sha256, dim }, session, tokenizer, session.inputNames.includes('token_type_ids'));
  }

  /**
   * Unit-length embeddings of the texts, in order. Each text runs alone: the int8 model quantises
   * activations over the whole input, so a text batched with others would get a slightly different
   * vector than the same text classified on its own (and batching saves little on a CPU).
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const text of texts) out.push(await this.run(this.tokenizer.encode(typeof text === 'string' ? text : '', MAX_TOKENS)));
    return out;
  }

  private async run(tokens: number[]): Promise<Float32Array> {
    const L = tokens.length;
    const ids = BigInt64Array.from(tokens, (id) => BigInt(id));
    const feeds: Record<string, Tensor> = {
      input_ids: new this.ort.Tensor('int64', ids, [1, L]),
      attention_mask: new this.ort.Tensor('int64', new BigInt64Array(L).fill(1n), [1, L]),
    };
    if (this.withTokenTypes) feeds['token_type_ids'] = new this.ort.Tensor('int64', new BigInt64Array(L), [1, L]);
    const result = await this.session.run(feeds);
    const data = result[this.session.outputNames[0]].data as Float32Array;
    // mean over the tokens, then unit length
    const D = this.identity.dim;
    const v = new Float32Array(D);
    for (let j = 0; j < L; j++) for (let d = 0; d < D; d++) v[d] += data[j * D + d];
    let norm = 0;
    for (let d = 0; d < D; d++) norm += v[d] * v[d];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < D; d++) v[d] *= inv;
    return v;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** How long a process waits before trying again to open an encoder that failed to open. */
const REOPEN_AFTER_MS = 60_000;
interface SharedEncoder {
  encoder: Promise<SentenceEncoder | null>;
  failedAt?: number;
}
let shared: SharedEncoder | undefined;

/**
 * The process's encoder for classifying messages, opened on first use; null while it is not
 * installed or fails to open (models trained with it then answer from their term model alone),
 * which is said when it happens and tried again a minute later.
 */
export function sharedEncoder(now = Date.now()): Promise<SentenceEncoder | null> {
  if (shared?.failedAt !== undefined && now - shared.failedAt >= REOPEN_AFTER_MS) shared = undefined;
  if (!shared) {
    const entry: SharedEncoder = {
      encoder: SentenceEncoder.open({ threads: Number(process.env['BATON_ENCODER_THREADS']) || 1 }).catch((error: Error) => {
        console.warn(`sentence encoder: ${error.message}; intent models trained with it answer from their term model alone`);
        entry.failedAt = Date.now();
        return null;
      }),
    };
    shared = entry;
  }
  return shared.encoder;
}

const mismatches = new Set<string>();

/**
 * Classifies a message as the worker does: the term model first, then, when the model asks for it,
 * refined by the message's embedding (the message is read once; other messages may be classified
 * while it is embedded). A model trained with another encoder (or none) is answered by
 * its term model alone.
 */
export async function classifyIntent(model: IntentModel, encoder: SentenceEncoder | null, text: string): Promise<IntentResult> {
  const usable = encoder !== null && model.encoder?.sha256 === encoder.identity.sha256;
  if (encoder && model.encoder && !usable && !mismatches.has(model.encoder.sha256)) {
    mismatches.add(model.encoder.sha256);
    console.warn(
      `sentence encoder: a model was trained with ${model.encoder.name} ${model.encoder.sha256.slice(0, 12)}, ` +
        `this process has ${encoder.identity.sha256.slice(0, 12)}; it answers from its term model alone (train it again)`,
    );
  }
  if (!usable) return model.classify(text, null);
  const steps = model.classifyInSteps(text);
  if (!steps.result.wantsEmbedding) return steps.result;
  const [embedding] = await encoder.embed([text]);
  return steps.refine(embedding);
}

/** `classifyIntent` with the process's shared encoder, opened only for a model that has an encoder head. */
export async function classifyWithSharedEncoder(model: IntentModel, text: string): Promise<IntentResult> {
  return classifyIntent(model, model.encoder ? await sharedEncoder() : null, text);
}
