import type { Signals } from '@baton/contracts';
import type { IntentResult } from './intent/model';

const CONFIDENCE_DIGITS = 3;
const round = (value: number) => Number(value.toFixed(CONFIDENCE_DIGITS));

/**
 * Signals from a trained model's intents and out-of-scope verdict and the keyword rules' sentiment,
 * risks, entities and language; the keyword rules' signals unchanged when there is no model.
 * `model` names the version that classified, so a flow (and a person reading the decision record)
 * can tell which model read the message.
 */
export function combineSignals(keyword: Signals, result: IntentResult | null, model?: { name: string; version: number }): Signals {
  if (!result) return keyword;
  // The keyword rules' complexity stays: they score each intent on its own and so can tell several
  // requests in one message apart, which the model's shared distribution cannot.
  return {
    ...keyword,
    intents: result.intents.map(({ label, confidence }) => ({ label, confidence: round(confidence) })),
    outOfScope: result.outOfScope,
    ...(model ? { model: { name: model.name, version: model.version, ...(result.refinedBy ? { refinedBy: result.refinedBy } : {}) } } : {}),
  };
}
