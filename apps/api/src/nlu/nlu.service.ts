import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode, type NluModelRef, type Signals } from '@baton/contracts';
import { createIntentTriage, type IntentTriage, type MissingIntentModel, missingIntentModel } from '@baton/db';
import { ApiError } from '../common/api-error';

/**
 * How often the API looks up a model's current version, waiting for the answer: a designer who has
 * just trained or rolled back sees the new version within a second (the worker looks every 30 s).
 */
const REFRESH_MS = 1000;

const REFUSALS: Record<MissingIntentModel['reason'], [status: number, code: ErrorCode]> = {
  no_model: [404, ErrorCode.NluModelNotFound],
  untrained: [404, ErrorCode.NluModelNotFound],
  no_version: [404, ErrorCode.NluModelVersionNotFound],
  version_not_ready: [409, ErrorCode.NluModelVersionNotReady],
};

/** Triage on demand, through the worker's code path (libs/db createIntentTriage): what a live conversation would read. */
@Injectable()
export class NluService {
  private readonly logger = new Logger('Nlu');
  private readonly triage: IntentTriage;

  constructor(private readonly db: DataSource) {
    this.triage = createIntentTriage(db, { refreshMs: REFRESH_MS, waitForRefresh: true, warn: (message) => this.logger.warn(message) });
  }

  /**
   * The signals of `text`: the named model's (the default model's when none is named) intents and
   * out-of-scope verdict with the keyword rules' sentiment, risks, entities and language. A model the
   * request names must exist (404/409 otherwise); the default one falls back to keyword rules, as in
   * the worker.
   */
  async read(text: string, model?: NluModelRef): Promise<Signals> {
    if (model) {
      const missing = await missingIntentModel(this.db, model);
      if (missing) {
        const [status, code] = REFUSALS[missing.reason];
        throw new ApiError(status, code, missing.message);
      }
    }
    return this.triage.triage(text, model);
  }
}
