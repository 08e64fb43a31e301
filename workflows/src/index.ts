export * from './definitions';
export type * from './activities';
export { ActivityFailure } from './activities';
export type { ConversationState, TaskState, TranscriptLine } from './conversation-state';
export * from './workflows';
