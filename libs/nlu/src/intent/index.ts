export { trainIntentModel, type TrainingExample, type TrainOptions } from './train';
export {
  IntentModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  type IntentResult,
  type IntentScore,
  type IntentModelStats,
  type SerializedIntentModel,
} from './model';
export { DEFAULT_FEATURES, type FeatureConfig, type ViewConfig } from './features';
export { OOS_FEATURE_NAMES } from './oos';
export { normalizeText, tokenize } from '../text/normalize';
export { porterStem } from '../text/stem';
