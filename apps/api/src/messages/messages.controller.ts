import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type InboundMessage, inboundMessageSchema, MAX_MESSAGE_BYTES } from '@baton/contracts';
import { ApiZodBody } from '../common/openapi';
import { Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { InboundSignatureGuard } from '../events/event-signature.guard';
import { InboundRateLimit } from './inbound-rate-limit';
import { MessagesService } from './messages.service';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('messages')
@Roles('integration')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly rateLimit: InboundRateLimit,
  ) {}

  @Post()
  @HttpCode(202)
  @UseGuards(InboundSignatureGuard)
  @ApiOperation({
    summary: 'Deliver a customer message',
    description:
      `Starts or continues the conversation on (channel, conversationKey). Text is limited to ${MAX_MESSAGE_BYTES} bytes of UTF-8. ` +
      'Delivering the same idempotencyKey again stores nothing and answers with the first message id and duplicate: true. ' +
      'When the platform has an inbound signing secret, X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> is required. ' +
      'Messages per conversation are limited (INBOUND_RATE_LIMIT, 30 per 10 s by default).',
  })
  @ApiZodBody(inboundMessageSchema)
  @ApiResponse({ status: 202, description: '{ conversationId, messageId, duplicate }' })
  @ApiResponse({ status: 400, description: 'MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD, UNKNOWN_CHANNEL, MESSAGE_EMPTY' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, SIGNATURE_INVALID' })
  @ApiResponse({ status: 413, description: 'MESSAGE_TOO_LONG' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED (too many messages in this conversation; see Retry-After), BUSY_RETRY' })
  async receive(@Body(new ZodValidationPipe(inboundMessageSchema)) message: InboundMessage) {
    await this.rateLimit.take(message.channel, message.conversationKey);
    return this.messages.receive(message);
  }
}
