import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type InboundMessage, inboundMessageSchema, MAX_MESSAGE_BYTES } from '@baton/contracts';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { MessagesService } from './messages.service';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Deliver a customer message',
    description:
      `Starts or continues the conversation on (channel, conversationKey). Text is limited to ${MAX_MESSAGE_BYTES} bytes of UTF-8. ` +
      'Delivering the same idempotencyKey again stores nothing and answers with the first message id and duplicate: true.',
  })
  @ApiZodBody(inboundMessageSchema)
  @ApiResponse({ status: 202, description: '{ conversationId, messageId, duplicate }' })
  @ApiResponse({ status: 400, description: 'MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD, UNKNOWN_CHANNEL, MESSAGE_EMPTY' })
  @ApiResponse({ status: 413, description: 'MESSAGE_TOO_LONG' })
  receive(@Body(new ZodValidationPipe(inboundMessageSchema)) message: InboundMessage) {
    return this.messages.receive(message);
  }
}
