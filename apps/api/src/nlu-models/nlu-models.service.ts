import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import {
  ErrorCode,
  type NluClassification,
  type NluModelVersionList,
  type NluModelVersionView,
  type NluTrainingProgress,
  OUT_OF_SCOPE_LABEL,
  type PutTrainingSet,
  SYNC_TRAINING_LIMIT,
  type TrainingExamples,
  type TrainingSetView,
  type TrainNluModel,
} from '@baton/contracts';
import { classifyWithSharedEncoder, encoderInstalled, NluModelEntity, NluTrainingSetEntity, packIntentModel, unpackIntentModel } from '@baton/db';
import { DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP, IntentModel } from '@baton/nlu';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { trainInThread } from './nlu-trainer';

const DEFAULT_AUTHOR = 'api';
/** Loaded models kept for /classify (one per name: the current version). */
const MAX_CACHED_MODELS = 8;

const versionView = (row: NluModelEntity, currentVersion: number | null): NluModelVersionView => ({
  name: row.name,
  version: row.version,
  status: row.status,
  current: row.version === currentVersion,
  author: row.author,
  wordVectors: row.wordVectors,
  encoder: row.encoder,
  maxInScopeAccuracyDrop: row.maxInScopeAccuracyDrop,
  progress: row.status === 'training' ? row.progress : null,
  summary: row.trainingSummary,
  error: row.error,
  modelBytes: row.modelBytes,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/** Progress is written to the version's row at most this often (and at each change of stage). */
const PROGRESS_WRITE_MS = 500;

const utteranceCount = (examples: TrainingExamples) => Object.values(examples).reduce((sum, list) => sum + list.length, 0);

const trainingSetView = (row: NluTrainingSetEntity): TrainingSetView => ({
  name: row.name,
  examples: row.examples,
  intents: Object.keys(row.examples).filter((label) => label !== OUT_OF_SCOPE_LABEL).length,
  utterances: utteranceCount(row.examples),
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt.toISOString(),
});

export type TrainOutcome = { finished: true; version: NluModelVersionView } | { finished: false; version: NluModelVersionView };

/**
 * Named intent models: a training set per name and numbered versions trained from it. Training runs
 * in a worker thread; the version row is written as `training` first (so a concurrent request sees it
 * and is refused) and becomes `ready` and current, or `failed` with the reason.
 */
@Injectable()
export class NluModelsService {
  private readonly logger = new Logger('NluModels');
  private readonly loaded = new Map<string, { version: number; model: IntentModel }>();

  constructor(
    private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async putTrainingSet(name: string, { examples, author }: PutTrainingSet): Promise<{ created: boolean; trainingSet: TrainingSetView }> {
    return this.db.transaction(async (em) => {
      const existing = await em.findOne(NluTrainingSetEntity, { where: { name }, lock: { mode: 'pessimistic_write' } });
      const row: NluTrainingSetEntity = {
        name,
        examples,
        updatedBy: author ?? DEFAULT_AUTHOR,
        updatedAt: new Date(),
        currentVersion: existing?.currentVersion ?? null,
      };
      if (existing) await em.update(NluTrainingSetEntity, { name }, { examples, updatedBy: row.updatedBy, updatedAt: row.updatedAt });
      else await em.createQueryBuilder().insert().into(NluTrainingSetEntity).values(row).orIgnore().execute();
      const saved = await em.findOneByOrFail(NluTrainingSetEntity, { name });
      return { created: !existing, trainingSet: trainingSetView(saved) };
    });
  }

  async trainingSet(name: string): Promise<TrainingSetView> {
    return trainingSetView(await this.trainingSetRow(this.db.manager, name));
  }

  /** Whether a model of this name has a training set (what the seeder checks). */
  async exists(name: string): Promise<boolean> {
    return this.db.getRepository(NluTrainingSetEntity).existsBy({ name });
  }

  async versions(name: string): Promise<NluModelVersionList> {
    const set = await this.trainingSetRow(this.db.manager, name);
    const rows = await this.db.getRepository(NluModelEntity).find({ where: { name }, order: { version: 'DESC' } });
    return { name, currentVersion: set.currentVersion, versions: rows.map((row) => versionView(row, set.currentVersion)) };
  }

  /**
   * Starts training a new version. Small sets (up to SYNC_TRAINING_LIMIT utterances) are awaited and
   * answered finished; larger ones are answered at once while the thread trains.
   */
  async train(name: string, { author, wordVectors, encoder, maxInScopeAccuracyDrop }: TrainNluModel): Promise<TrainOutcome> {
    if (encoder && !encoderInstalled()) {
      throw new ApiError(422, ErrorCode.NluEncoderMissing, 'the sentence encoder is not installed on this server: run tools/ensure-encoder.sh');
    }
    const { row, examples } = await this.db.transaction(async (em) => {
      const set = await this.trainingSetRow(em, name, true);
      const stale = new Date(Date.now() - this.config.NLU_TRAINING_TIMEOUT);
      await em.update(
        NluModelEntity,
        { name, status: 'training', createdAt: LessThan(stale) },
        { status: 'failed', error: 'training was interrupted (the API stopped or timed out)', progress: null, finishedAt: new Date() },
      );
      const running = await em.findOneBy(NluModelEntity, { name, status: 'training' });
      if (running) {
        throw new ApiError(409, ErrorCode.NluTrainingInProgress, `version ${running.version} of ${name} is still training`, { retryAfter: 5 });
      }
      const last = await em.findOne(NluModelEntity, { where: { name }, order: { version: 'DESC' } });
      const created: NluModelEntity = {
        name,
        version: (last?.version ?? 0) + 1,
        status: 'training',
        author: author ?? DEFAULT_AUTHOR,
        wordVectors,
        encoder,
        maxInScopeAccuracyDrop: maxInScopeAccuracyDrop ?? DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP,
        progress: null,
        trainingSummary: null,
        error: null,
        model: null,
        modelBytes: null,
        createdAt: new Date(),
        finishedAt: null,
      };
      await em.insert(NluModelEntity, created);
      return { row: created, examples: set.examples };
    });
    const done = this.complete(row, examples);
    if (utteranceCount(examples) > SYNC_TRAINING_LIMIT || wordVectors) {
      done.catch((error: Error) => this.logger.error(`Training ${name} v${row.version} failed: ${error.message}`));
      return { finished: false, version: versionView(row, null) };
    }
    try {
      return { finished: true, version: await done };
    } catch (error) {
      throw new ApiError(422, ErrorCode.NluTrainingFailed, `training ${name} v${row.version} failed: ${(error as Error).message}`);
    }
  }

  /** Trains in a thread, stores the result and makes it current; a failure is recorded on the version. */
  private async complete(row: NluModelEntity, examples: TrainingExamples): Promise<NluModelVersionView> {
    const { name, version } = row;
    const progress = this.progressWriter(name, version);
    try {
      const trained = await trainInThread(examples, {
        wordVectors: row.wordVectors,
        encoder: row.encoder,
        maxInScopeAccuracyDrop: row.maxInScopeAccuracyDrop ?? DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP,
        timeoutMs: this.config.NLU_TRAINING_TIMEOUT,
        onProgress: progress.report,
      });
      await progress.settled();
      const packed = packIntentModel(trained.json);
      return await this.db.transaction(async (em) => {
        await em.update(
          NluModelEntity,
          { name, version },
          {
            status: 'ready',
            // too few examples to calibrate the encoder's head leaves a term model only: say so
            encoder: trained.model.encoder !== undefined,
            model: packed,
            modelBytes: packed.length,
            progress: null,
            trainingSummary: trained.summary,
            finishedAt: new Date(),
          },
        );
        await em.update(NluTrainingSetEntity, { name }, { currentVersion: version });
        this.loaded.set(name, { version, model: trained.model });
        this.logger.log(`Trained ${name} v${version}: ${trained.summary.examples} utterances, ${trained.summary.intents} intents in ${trained.summary.trainMs} ms`);
        return versionView(await em.findOneByOrFail(NluModelEntity, { name, version }), version);
      });
    } catch (error) {
      await progress.settled();
      await this.db
        .getRepository(NluModelEntity)
        .update({ name, version, status: 'training' }, { status: 'failed', error: (error as Error).message.slice(0, 2000), progress: null, finishedAt: new Date() });
      throw error;
    }
  }

  /**
   * Writes a training version's progress to its row, so that every API process reports it: at each
   * change of stage and at most every PROGRESS_WRITE_MS otherwise, one write at a time, only while
   * the row is still training. A failed write loses that report, never the training.
   */
  private progressWriter(name: string, version: number): { report: (progress: NluTrainingProgress) => void; settled: () => Promise<void> } {
    let writing: Promise<void> = Promise.resolve();
    let writtenAt = -Infinity;
    let stage: string | undefined;
    return {
      report: (progress) => {
        const now = Date.now();
        if (progress.stage === stage && now - writtenAt < PROGRESS_WRITE_MS) return;
        stage = progress.stage;
        writtenAt = now;
        writing = writing
          .then(() => this.db.getRepository(NluModelEntity).update({ name, version, status: 'training' }, { progress }))
          .then(
            () => undefined,
            (error: Error) => this.logger.warn(`Progress of ${name} v${version} not recorded: ${error.message}`),
          );
      },
      settled: () => writing,
    };
  }

  async rollback(name: string, version: number): Promise<NluModelVersionList> {
    await this.db.transaction(async (em) => {
      await this.trainingSetRow(em, name, true);
      const row = await em.findOneBy(NluModelEntity, { name, version });
      if (!row) throw new ApiError(404, ErrorCode.NluModelVersionNotFound, `${name} has no version ${version}`);
      if (row.status !== 'ready') throw new ApiError(409, ErrorCode.NluModelVersionNotReady, `${name} v${version} is ${row.status}, not ready`);
      await em.update(NluTrainingSetEntity, { name }, { currentVersion: version });
    });
    return this.versions(name);
  }

  async classify(name: string, text: string): Promise<NluClassification> {
    const { version, model } = await this.currentModel(name);
    const result = await classifyWithSharedEncoder(model, text);
    return { name, version, intents: result.intents, outOfScope: result.outOfScope, oosScore: result.oosScore, threshold: result.threshold, refinedBy: result.refinedBy ?? null };
  }

  private async currentModel(name: string): Promise<{ version: number; model: IntentModel }> {
    const set = await this.trainingSetRow(this.db.manager, name);
    if (set.currentVersion === null) throw new ApiError(404, ErrorCode.NluModelNotFound, `${name} has no trained version yet`);
    const cached = this.loaded.get(name);
    if (cached?.version === set.currentVersion) return cached;
    const row = await this.db
      .getRepository(NluModelEntity)
      .createQueryBuilder('m')
      .addSelect('m.model')
      .where('m.name = :name AND m.version = :version', { name, version: set.currentVersion })
      .getOneOrFail();
    const entry = { version: row.version, model: IntentModel.load(unpackIntentModel(row.model!)) };
    if (!this.loaded.has(name) && this.loaded.size >= MAX_CACHED_MODELS) this.loaded.delete(this.loaded.keys().next().value!);
    this.loaded.set(name, entry);
    return entry;
  }

  private async trainingSetRow(em: EntityManager, name: string, lock = false): Promise<NluTrainingSetEntity> {
    const row = await em.findOne(NluTrainingSetEntity, { where: { name }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw new ApiError(404, ErrorCode.NluModelNotFound, `no model named ${name} (PUT /nlu/models/${name}/training-set first)`);
    return row;
  }
}
