export { DEFAULT_MAX_IN_SCOPE_ACCURACY_DROP, trainIntentModel, type TrainingExample, type TrainOptions } from './train';
export {
  IntentModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  type IntentResult,
  type IntentScore,
  type IntentModelStats,
  type SerializedIntentModel,
} from './model';
export { DEFAULT_FEATURES, type EmbeddingConfig, type FeatureConfig, type ViewConfig } from './features';
export { OOS_FEATURE_NAMES } from './oos';
export { normalizeText, tokenize } from '../text/normalize';
export { porterStem } from '../text/stem';
export { WordVectors, wordVectorsFromWink, sentenceVector, type SerializedWordVectors, type WinkEmbeddings } from './embedding';
export { DEFAULT_REFINE_BELOW, type EncoderIdentity, type SentenceEmbeddings } from './encoder-head';
export { WordPieceTokenizer, type WordPieceVocabulary } from '../text/wordpiece';
