import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_NLU_MODEL, type NluModelRef, type Signals } from '@baton/contracts';
import { combineSignals, IntentModel, keywordTriage } from '@baton/nlu';
import { NluModelEntity, unpackIntentModel } from '../entities/nlu-model.entity';
import { NluTrainingSetEntity } from '../entities/nlu-training-set.entity';
import { classifyWithSharedEncoder, sharedEncoder } from './sentence-encoder';

/**
 * Triage as the worker runs it on every customer message and the API's POST /nlu/triage answers it:
 * a named intent model's intents and out-of-scope verdict (loaded from PostgreSQL, kept in memory
 * and refreshed when a new version is trained or rolled back) combined with the keyword rules'
 * sentiment, risks, entities and language. One code path, so the designer's test chat answers what
 * a live conversation would get.
 */

const DEFAULT_REFRESH_MS = 30_000;
/** Named models kept loaded at once besides the default one; the least recently used goes first. */
const DEFAULT_MAX_MODELS = 8;

/** Where the registry finds models: the current version of a name, and one version's serialised JSON. */
export interface ModelStore {
  currentVersion(name: string): Promise<number | null>;
  load(name: string, version: number): Promise<string>;
}

/** The current version of named models, from PostgreSQL: one indexed lookup for the version, the model column only when it changed. */
export function postgresModelStore(db: DataSource): ModelStore {
  return {
    async currentVersion(name) {
      const row = await db.getRepository(NluTrainingSetEntity).findOne({ where: { name }, select: { name: true, currentVersion: true } });
      return row?.currentVersion ?? null;
    },
    async load(name, version) {
      const row = await db
        .getRepository(NluModelEntity)
        .createQueryBuilder('m')
        .addSelect('m.model')
        .where('m.name = :name AND m.version = :version AND m.status = :status', { name, version, status: 'ready' })
        .getOne();
      if (!row?.model) throw new Error(`intent model ${name} v${version} is not stored`);
      return unpackIntentModel(row.model);
    },
  };
}

/** Why a named model cannot be used: no such name, no trained version yet, or the pinned version is missing or not ready. */
export interface MissingIntentModel {
  reason: 'no_model' | 'untrained' | 'no_version' | 'version_not_ready';
  message: string;
}

/** Why a model a flow or a request names cannot be used, or null when it can. */
export async function missingIntentModel(db: DataSource | EntityManager, ref: NluModelRef): Promise<MissingIntentModel | null> {
  const set = await db.getRepository(NluTrainingSetEntity).findOne({ where: { name: ref.name }, select: { name: true, currentVersion: true } });
  if (!set) return { reason: 'no_model', message: `there is no intent model named "${ref.name}"` };
  if (ref.version === undefined) {
    return set.currentVersion === null ? { reason: 'untrained', message: `the intent model "${ref.name}" has no trained version yet` } : null;
  }
  const row = await db.getRepository(NluModelEntity).findOne({ where: { name: ref.name, version: ref.version }, select: { name: true, version: true, status: true } });
  if (!row) return { reason: 'no_version', message: `the intent model "${ref.name}" has no version ${ref.version}` };
  return row.status === 'ready' ? null : { reason: 'version_not_ready', message: `version ${ref.version} of the intent model "${ref.name}" is ${row.status}, not ready` };
}

export interface LoadedModel {
  name: string;
  version: number;
  model: IntentModel;
}

export interface RegistryOptions {
  /** Pins this version: loaded once and kept (a failed load is retried after `refreshMs`). */
  version?: number;
  /** How often the current version is looked up again (ms, default 30 000). */
  refreshMs?: number;
  /**
   * Wait for each look-up instead of answering with the model in memory while it runs: the API
   * does, so that a version trained a moment ago answers at once; the worker never waits.
   */
  waitForRefresh?: boolean;
  /** Clock, for tests. */
  now?: () => number;
  /** Where problems are reported (default: the console). */
  warn?: (message: string) => void;
}

/**
 * Holds one named model: its current version, or a pinned one. The first call loads it; later calls
 * answer from memory and, once `refreshMs` has passed since the last look-up, look the current
 * version up again in the background (one look-up at a time), swapping in a newly trained or
 * rolled-back version without a restart. A failed look-up or load keeps the model in use and is
 * retried after `refreshMs`.
 */
export class ModelRegistry {
  private loaded: LoadedModel | null = null;
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;
  readonly version: number | undefined;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private readonly waitForRefresh: boolean;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly store: ModelStore,
    readonly name: string,
    options: RegistryOptions = {},
  ) {
    this.version = options.version;
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    this.waitForRefresh = options.waitForRefresh ?? false;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  /** The model in use, or null when none of this name (or version) is stored (keyword triage then). */
  async current(): Promise<LoadedModel | null> {
    // A pinned version never changes once loaded.
    if (this.version !== undefined && this.loaded) return this.loaded;
    if (this.now() - this.checkedAt >= this.refreshMs && !this.checking) {
      this.checking = this.refresh().finally(() => (this.checking = null));
    }
    // Only the very first look-up is waited for (unless told to wait); later ones swap the model in when they finish.
    if ((this.checkedAt === -Infinity || this.waitForRefresh) && this.checking) await this.checking;
    return this.loaded;
  }

  /**
   * Loads the model ahead of the first message. When none is stored yet (a worker that starts
   * before the API has trained the shipped model), the first message still waits for a look-up of
   * its own instead of reading with keywords until the next refresh.
   */
  async warm(): Promise<LoadedModel | null> {
    const loaded = await this.current();
    if (!loaded && !this.checking) this.checkedAt = -Infinity;
    return loaded;
  }

  private async refresh(): Promise<void> {
    const started = this.now();
    try {
      const version = this.version ?? (await this.store.currentVersion(this.name));
      if (version === null) this.loaded = null;
      else if (version !== this.loaded?.version) {
        this.loaded = { name: this.name, version, model: IntentModel.load(await this.store.load(this.name, version)) };
      }
    } catch (error) {
      const which = this.version === undefined ? this.name : `${this.name} v${this.version}`;
      this.warn(`intent model ${which}: ${(error as Error).message}; ${this.loaded ? `keeping v${this.loaded.version}` : 'keyword triage meanwhile'}`);
    } finally {
      this.checkedAt = started;
    }
  }
}

export interface TriageOptions extends Omit<RegistryOptions, 'version'> {
  /** The model used when none is named (default: env NLU_MODEL, else `conversation-default`). */
  model?: string;
  /** Named models kept loaded besides the default one (default 8). */
  maxModels?: number;
}

export interface IntentTriage {
  /** The registry of the default model. */
  registry: ModelRegistry;
  /** The registry of a named model (the default one when none or the default's current version is named). */
  registryFor(model?: NluModelRef): ModelRegistry;
  /** A message's signals, read by the named model (or the default one) and the keyword rules. */
  triage(text: string, model?: NluModelRef): Promise<Signals>;
  /**
   * Loads the default model, and opens the sentence encoder when that model reads with it, so that
   * the first messages wait for neither. Says what it readied: the model (null when none is
   * stored) and the encoder (null when the model has no encoder head or the encoder cannot open).
   */
  warmUp(): Promise<{ model: { name: string; version: number } | null; encoder: string | null }>;
}

/**
 * Triage over named intent models: the default one always loaded, others loaded on first use and
 * kept (the least recently used dropped beyond `maxModels`). A model that is not stored falls back
 * to keyword triage, so a message is never refused for want of a model.
 */
export function createIntentTriage(db: DataSource, options: TriageOptions = {}, store: ModelStore = postgresModelStore(db)): IntentTriage {
  const { model, maxModels = DEFAULT_MAX_MODELS, ...registryOptions } = options;
  const registry = new ModelRegistry(store, model ?? (process.env.NLU_MODEL || DEFAULT_NLU_MODEL), registryOptions);
  const named = new Map<string, ModelRegistry>();

  const registryFor = (ref?: NluModelRef): ModelRegistry => {
    if (!ref || (ref.name === registry.name && ref.version === undefined)) return registry;
    const key = `${ref.version ?? 'current'} ${ref.name}`;
    let found = named.get(key);
    if (found) named.delete(key);
    else found = new ModelRegistry(store, ref.name, { ...registryOptions, version: ref.version });
    named.set(key, found);
    if (named.size > maxModels) named.delete(named.keys().next().value!);
    return found;
  };

  return {
    registry,
    registryFor,
    async triage(text, ref) {
      const loaded = await registryFor(ref).current();
      const result = loaded ? await classifyWithSharedEncoder(loaded.model, text) : null;
      return combineSignals(keywordTriage(text), result, loaded ?? undefined);
    },
    async warmUp() {
      const loaded = await registry.warm();
      const encoder = loaded?.model.encoder ? await sharedEncoder() : null;
      return { model: loaded && { name: loaded.name, version: loaded.version }, encoder: encoder?.identity.name ?? null };
    },
  };
}
