export * from './definitions';
export type * from './activities';
export { ActivityFailure } from './activities';
export type { ConversationState, TaskState, TranscriptLine } from './conversation-state';
export { minutesUntilSendable, type QuietHours } from './quiet-hours';
export { OPTED_OUT_TAG } from './conversation.workflow';
export * from './workflows';
