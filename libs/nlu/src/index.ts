export { keywordTriage, scoreSentiment } from './rules/keyword-triage';
export { findEmails, findOrderNumbers } from './rules/entities';
