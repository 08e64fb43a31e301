import { z } from 'zod';
import { flowName } from './flows.schema';
import { externalId, messageText } from './text';

export { MAX_MESSAGE_BYTES } from './text';

/** Channels a customer message can arrive on. */
export const CHANNELS = ['web', 'sms', 'email', 'whatsapp', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const channelSchema = z.enum(CHANNELS, {
  error: (issue) => (issue.input === undefined ? undefined : `channel must be one of ${CHANNELS.join(', ')}`),
});

/** POST /messages: one customer message from any channel. */
export const inboundMessageSchema = z.strictObject({
  channel: channelSchema,
  conversationKey: externalId,
  customerId: externalId,
  text: messageText,
  idempotencyKey: externalId,
  /**
   * The published conversation flow to run when this message starts a conversation (an entry point
   * with its own policy); the configured default otherwise. Ignored for a conversation under way.
   */
  flow: flowName.optional(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export interface InboundMessageAccepted {
  conversationId: string;
  messageId: string;
  /** True when this idempotency key had been delivered before; nothing new was stored. */
  duplicate: boolean;
}
