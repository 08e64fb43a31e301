import { Injectable } from '@nestjs/common';
import { ErrorCode, type InboundMessage, type InboundMessageAccepted } from '@baton/contracts';
import { ApiError } from '../common/api-error';
import { ConversationsService } from '../conversations/conversations.service';
import { FlowsService } from '../flows/flows.service';
import { ConversationGateway } from '../temporal/conversation.gateway';

@Injectable()
export class MessagesService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly flows: FlowsService,
    private readonly gateway: ConversationGateway,
  ) {}

  /**
   * Accepts a customer message once. A key already stored answers with the stored message,
   * even if its conversation has since closed; otherwise the workflow deduplicates keys it holds.
   */
  async receive(message: InboundMessage): Promise<InboundMessageAccepted> {
    const stored = await this.conversations.findByIdempotencyKey(message.channel, message.conversationKey, message.idempotencyKey);
    if (stored) return { conversationId: stored.conversationId, messageId: stored.id, duplicate: true };
    if (message.flow !== undefined) await this.requireConversationFlow(message.flow);
    return this.gateway.deliver(message);
  }

  /** A message may only name a flow that new conversations can run: published, of the conversation kind. */
  private async requireConversationFlow(name: string): Promise<void> {
    const published = await this.flows.publishedKind(name);
    if (published === 'conversation') return;
    const problem = published === null ? `no published flow is named "${name}"` : `flow "${name}" is an ${published} flow, not a conversation flow`;
    throw new ApiError(422, ErrorCode.FlowNotPublished, problem, { details: [{ code: ErrorCode.FlowNotPublished, field: 'flow', message: problem }] });
  }
}
