import { z } from 'zod';
import { externalId, messageText } from './text';

/** POST /chat/sessions: the business's site asks for a web-chat token for one of its customers. */
export const createChatSessionSchema = z.strictObject({
  customerId: externalId,
  conversationKey: externalId.optional(),
});
export type CreateChatSession = z.infer<typeof createChatSessionSchema>;

export interface ChatSession {
  conversationKey: string;
  customerId: string;
  /** Bearer token that lets the customer's browser use this one conversation only. */
  token: string;
}

/** POST /chat/messages: a message typed in the web chat. */
export const chatMessageSchema = z.strictObject({
  text: messageText,
  idempotencyKey: externalId,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
