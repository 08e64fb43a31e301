import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import {
  type ChatMessage,
  chatMessageSchema,
  type ChatSession,
  type CreateChatSession,
  createChatSessionSchema,
  ErrorCode,
  type MessageView,
} from '@baton/contracts';
import type { ChatRequest } from '../auth/auth.guard';
import { AllowQueryToken, ChatToken, Roles } from '../auth/auth.decorators';
import { ChatTokenService } from '../auth/chat-token.service';
import { ApiError } from '../common/api-error';
import { ApiZodBody } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { forCustomer } from '../conversations/conversation-views';
import { lastEventId } from '../conversations/conversations.controller';
import { ConversationsService } from '../conversations/conversations.service';
import { InboundRateLimit } from '../messages/inbound-rate-limit';
import { MessagesService } from '../messages/messages.service';

/** What a customer sees of their conversation: the messages and where it stands, nothing internal. */
export interface CustomerConversationView {
  conversationId: string | null;
  stage: string | null;
  messages: MessageView[];
}

/** The web chat: a business mints a token per customer conversation; the browser uses only that. */
@ApiTags('web chat')
@Controller('chat')
export class ChatController {
  constructor(
    private readonly tokens: ChatTokenService,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly rateLimit: InboundRateLimit,
  ) {}

  @Post('sessions')
  @Roles('integration')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Mint a web-chat token for one of the business's customers (an integration key)" })
  @ApiZodBody(createChatSessionSchema)
  createSession(@Body(new ZodValidationPipe(createChatSessionSchema)) body: CreateChatSession): ChatSession {
    const conversationKey = body.conversationKey ?? `web-${randomUUID()}`;
    return { conversationKey, customerId: body.customerId, token: this.tokens.issue(conversationKey, body.customerId) };
  }

  @Post('messages')
  @HttpCode(202)
  @ChatToken()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a message as the customer the chat token was minted for' })
  @ApiZodBody(chatMessageSchema)
  async send(@Req() request: ChatRequest, @Body(new ZodValidationPipe(chatMessageSchema)) body: ChatMessage) {
    const { conversationKey, customerId } = request.chat;
    await this.rateLimit.take('web', conversationKey);
    return this.messages.receive({ channel: 'web', conversationKey, customerId, ...body });
  }

  @Get('conversation')
  @ChatToken()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The chat's current conversation as the customer sees it" })
  async conversation(@Req() request: ChatRequest): Promise<CustomerConversationView> {
    const view = await this.conversations.latest('web', request.chat.conversationKey);
    return { conversationId: view?.id ?? null, stage: view?.stage ?? null, messages: (view?.messages ?? []).map(forCustomer) };
  }

  @Sse('events')
  @ChatToken()
  @AllowQueryToken()
  @ApiOperation({ summary: "Server-sent events of one of the chat's conversations: its messages and stage" })
  async events(
    @Req() request: ChatRequest,
    @Query('conversationId', new UuidPipe(ErrorCode.ConversationNotFound)) conversationId: string,
    @Headers('last-event-id') lastEvent?: string,
  ): Promise<Observable<MessageEvent>> {
    const view = await this.conversations.find(conversationId);
    if (view.channel !== 'web' || view.conversationKey !== request.chat.conversationKey) {
      throw new ApiError(404, ErrorCode.ConversationNotFound, `no conversation ${conversationId} in this chat`);
    }
    return this.conversations.stream(conversationId, lastEventId(lastEvent), { customerView: true });
  }
}
