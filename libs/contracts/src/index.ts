export * from './errors';
export * from './inbound-message.schema';
export * from './tasks.schema';
export * from './chat.schema';
export * from './flows.schema';
export * from './views';
export * from './validation';
export { MAX_MESSAGE_BYTES } from './text';
export * from './knowledge.schema';
