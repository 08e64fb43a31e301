import type { DataSource } from 'typeorm';
import { log } from '@temporalio/activity';
import type { Signals } from '@baton/contracts';
import { NluModelEntity, NluTrainingSetEntity, unpackIntentModel } from '@baton/db';
import { IntentModel, type IntentResult, keywordTriage } from '@baton/nlu';

export type TriageSignals = Signals & { outOfScope?: boolean };

/** Where the registry finds models: the current version of a name, and one version's serialised JSON. */
export interface ModelStore {
  currentVersion(name: string): Promise<number | null>;
  load(name: string, version: number): Promise<string>;
}

export interface TriageOptions {
  /** The model to use (default: env NLU_MODEL, else `conversation-default`). */
  model?: string;
  /** How often the current version is looked up again (ms, default 30 000). */
  refreshMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Where problems are reported (default: the activity logger when inside an activity, else the console). */
  warn?: (message: string) => void;
}

const DEFAULT_MODEL = 'conversation-default';
const DEFAULT_REFRESH_MS = 30_000;
const CONFIDENCE_DIGITS = 3;

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

export interface LoadedModel {
  name: string;
  version: number;
  model: IntentModel;
}

/**
 * Holds the current version of one named model. The first call loads it; later calls answer from
 * memory and, once `refreshMs` has passed since the last look-up, look the current version up again
 * in the background (one look-up at a time), swapping in a newly trained or rolled-back version
 * without a restart. A failed look-up or load keeps the model in use and is retried after `refreshMs`.
 */
export class ModelRegistry {
  private loaded: LoadedModel | null = null;
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly store: ModelStore,
    readonly name: string,
    options: { refreshMs?: number; now?: () => number; warn?: (message: string) => void } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  /** The model in use, or null when none of this name is stored (keyword triage then). */
  async current(): Promise<LoadedModel | null> {
    if (this.now() - this.checkedAt >= this.refreshMs && !this.checking) {
      this.checking = this.refresh().finally(() => (this.checking = null));
    }
    // Only the very first look-up is waited for; later ones swap the model in when they finish.
    if (this.checkedAt === -Infinity && this.checking) await this.checking;
    return this.loaded;
  }

  private async refresh(): Promise<void> {
    const started = this.now();
    try {
      const version = await this.store.currentVersion(this.name);
      if (version === null) this.loaded = null;
      else if (version !== this.loaded?.version) {
        this.loaded = { name: this.name, version, model: IntentModel.load(await this.store.load(this.name, version)) };
      }
    } catch (error) {
      this.warn(`intent model ${this.name}: ${(error as Error).message}; ${this.loaded ? `keeping v${this.loaded.version}` : 'keyword triage meanwhile'}`);
    } finally {
      this.checkedAt = started;
    }
  }
}

const round = (value: number) => Number(value.toFixed(CONFIDENCE_DIGITS));

/**
 * Signals from the trained model's intents and out-of-scope verdict, and the keyword rules'
 * sentiment, risks and entities; the keyword rules' intents alone when there is no model.
 */
export function combineSignals(keyword: Signals, result: IntentResult | null): TriageSignals {
  if (!result) return keyword;
  // The keyword rules' complexity stays: they score each intent on its own and so can tell several
  // requests in one message apart, which the model's shared distribution cannot.
  return {
    ...keyword,
    intents: result.intents.map(({ label, confidence }) => ({ label, confidence: round(confidence) })),
    outOfScope: result.outOfScope,
  };
}

function activityWarn(message: string): void {
  try {
    log.warn(message);
  } catch {
    console.warn(message);
  }
}

/**
 * Triage for the worker: the current version of the configured intent model (refreshed from
 * PostgreSQL every `refreshMs`) combined with keyword triage.
 */
export function createTriage(db: DataSource, options: TriageOptions = {}, store: ModelStore = postgresModelStore(db)) {
  const registry = new ModelRegistry(store, options.model ?? (process.env.NLU_MODEL || DEFAULT_MODEL), {
    refreshMs: options.refreshMs,
    now: options.now,
    warn: options.warn ?? activityWarn,
  });
  return {
    registry,
    async triage(text: string): Promise<TriageSignals> {
      const loaded = await registry.current();
      return combineSignals(keywordTriage(text), loaded ? loaded.model.classify(text) : null);
    },
  };
}
