import { Injectable } from '@nestjs/common';
import type { InboundMessage, InboundMessageAccepted } from '@baton/contracts';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationGateway } from '../temporal/conversation.gateway';

@Injectable()
export class MessagesService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly gateway: ConversationGateway,
  ) {}

  /**
   * Accepts a customer message once. A key already stored answers with the stored message,
   * even if its conversation has since closed; otherwise the workflow deduplicates keys it holds.
   */
  async receive(message: InboundMessage): Promise<InboundMessageAccepted> {
    const stored = await this.conversations.findByIdempotencyKey(message.channel, message.conversationKey, message.idempotencyKey);
    if (stored) return { conversationId: stored.conversationId, messageId: stored.id, duplicate: true };
    return this.gateway.deliver(message);
  }
}
