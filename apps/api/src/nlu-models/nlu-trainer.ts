import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IntentModel, type TrainingExample } from '@baton/nlu';
import type { NluTrainingProgress, NluTrainingSummary } from '@baton/contracts';
import { OUT_OF_SCOPE_LABEL, type TrainingExamples } from '@baton/contracts';
import type { TrainingJob, TrainingProgressMessage, TrainingReply } from './nlu-training.thread';

const THREAD = path.join(__dirname, `nlu-training.thread${path.extname(__filename)}`);

export interface TrainedModel {
  json: string;
  model: IntentModel;
  summary: NluTrainingSummary;
}

/** The examples of a training set as labelled rows (`oos` rows are out-of-scope examples). */
export const trainingRows = (examples: TrainingExamples): TrainingExample[] =>
  Object.entries(examples).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

export function summarize(model: IntentModel, examples: TrainingExamples): NluTrainingSummary {
  const { stats } = model;
  return {
    examples: stats.examples,
    intents: stats.intents,
    oosExamples: stats.oosExamples,
    perIntent: Object.fromEntries(Object.entries(examples).filter(([label]) => label !== OUT_OF_SCOPE_LABEL).map(([label, texts]) => [label, texts.length])),
    features: stats.features,
    trainMs: stats.trainMs,
    cvAccuracy: stats.cv?.accuracy ?? null,
    cvRefinedShare: stats.cv?.refinedShare ?? null,
    cvInScopeAccuracyAtThreshold: stats.cv?.inScopeAccuracyAtThreshold ?? null,
    cvOutOfScopeRecallAtThreshold: stats.cv?.outOfScopeRecallAtThreshold ?? null,
    threshold: model.threshold,
  };
}

/**
 * Trains in a worker thread and loads the result back (which also proves the stored JSON loads).
 * The thread is terminated after `timeoutMs`.
 */
export function trainInThread(
  examples: TrainingExamples,
  options: { wordVectors: boolean; encoder: boolean; maxInScopeAccuracyDrop: number; timeoutMs: number; onProgress?: (progress: NluTrainingProgress) => void },
): Promise<TrainedModel> {
  const { wordVectors, encoder, maxInScopeAccuracyDrop } = options;
  const job: TrainingJob = { examples: trainingRows(examples), wordVectors, encoder, maxInScopeAccuracyDrop };
  return new Promise((resolve, reject) => {
    const thread = new Worker(THREAD, { workerData: job });
    const timer = setTimeout(() => {
      void thread.terminate();
      reject(new Error(`training did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    thread.on('message', (message: TrainingReply | TrainingProgressMessage) => {
      if ('progress' in message) return options.onProgress?.(message.progress);
      const reply = message;
      clearTimeout(timer);
      void thread.terminate();
      if (!reply.ok) return reject(new Error(reply.error));
      try {
        const model = IntentModel.load(reply.json);
        resolve({ json: reply.json, model, summary: summarize(model, examples) });
      } catch (error) {
        reject(error as Error);
      }
    });
    thread.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    thread.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the training thread exited with code ${code}`));
    });
  });
}
