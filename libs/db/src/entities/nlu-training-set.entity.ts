import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The example utterances a named intent model is trained from, and the version in use. */
@Entity('nlu_training_sets')
export class NluTrainingSetEntity {
  /** The model's name, as the worker's NLU_MODEL and the API's /nlu/models/:name refer to it. */
  @PrimaryColumn('text')
  name!: string;

  /** Intent label -> example utterances (the label `oos` holds out-of-scope examples). */
  @Column('jsonb')
  examples!: Record<string, string[]>;

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** The ready version the worker loads; null until a first training succeeds. */
  @Column('integer', { name: 'current_version', nullable: true })
  currentVersion!: number | null;
}
