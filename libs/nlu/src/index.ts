export { keywordTriage, scoreSentiment } from './rules/keyword-triage';
export { findEmails, findOrderNumbers } from './rules/entities';
export * from './intent';
export { expectedCalibrationError } from './intent/calibration';
export { mulberry32, shuffleInPlace } from './intent/random';
export { detectLanguage, UNDETERMINED } from './language/detect-language';
export { combineSignals } from './triage';
export { redactPii, type PiiKind, type Redaction } from './rules/pii';
