import type { DataSource } from 'typeorm';
import { log } from '@temporalio/activity';
import { createIntentTriage, type IntentTriage, type ModelStore, postgresModelStore, type TriageOptions } from '@baton/db';

export { combineSignals } from '@baton/nlu';
export { ModelRegistry, type LoadedModel, type ModelStore, type TriageOptions, postgresModelStore } from '@baton/db';

function activityWarn(message: string): void {
  try {
    log.warn(message);
  } catch {
    console.warn(message);
  }
}

/**
 * Triage for the worker (the code path POST /nlu/triage shares, in libs/db): the current version of
 * the configured intent model, or of the model a classify node names, refreshed from PostgreSQL
 * every `refreshMs` and combined with keyword triage. Problems are reported to the activity logger
 * when inside an activity, else the console.
 */
export function createTriage(db: DataSource, options: TriageOptions = {}, store: ModelStore = postgresModelStore(db)): IntentTriage {
  return createIntentTriage(db, { ...options, warn: options.warn ?? activityWarn }, store);
}
