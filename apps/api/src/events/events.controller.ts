import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ContactPreferences, contactPreferencesSchema, type OutreachEvent, outreachEventSchema } from '@baton/contracts';
import { ApiZodBody } from '../common/openapi';
import { Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CustomerIdPipe } from './customer-id.pipe';
import { EventSignatureGuard } from './event-signature.guard';
import { OutreachService } from './outreach.service';

const customerId = new CustomerIdPipe();

@ApiTags('outreach')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(private readonly outreach: OutreachService) {}

  @Post('events')
  @Roles('integration')
  @HttpCode(202)
  @UseGuards(EventSignatureGuard)
  @ApiOperation({
    summary: 'Report a business event (shipment.delayed, payment.due, ...): starts the outreach flow that listens for it',
    description:
      'The same (type, idempotencyKey) twice starts one outreach (duplicate: true). An outreach is skipped, with the reason, ' +
      'when the customer opted out, the frequency cap is reached, the same event was sent within the dedupe window, or a ' +
      'conversation is already running on the thread. The first message waits for the end of quiet hours in the customer\'s time zone. ' +
      'When the platform has an events signing secret, X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> is required.',
  })
  @ApiZodBody(outreachEventSchema)
  @ApiResponse({ status: 202, description: '{ outreachId, status, reason, conversationId, flow, duplicate }' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, SIGNATURE_INVALID' })
  @ApiResponse({ status: 422, description: 'NO_OUTREACH_FLOW' })
  receive(@Body(new ZodValidationPipe(outreachEventSchema)) event: OutreachEvent) {
    return this.outreach.receive(event);
  }

  @Get('customers/:customerId/contact-preferences')
  @Roles('supervisor')
  @ApiOperation({ summary: "A customer's email address, time zone and outreach opt-out" })
  preferences(@Param('customerId', customerId) id: string) {
    return this.outreach.preferences(id);
  }

  @Put('customers/:customerId/contact-preferences')
  @Roles('supervisor')
  @ApiOperation({ summary: "Set a customer's email address or time zone, or record or withdraw an opt-out of outreach" })
  @ApiZodBody(contactPreferencesSchema)
  setPreferences(@Param('customerId', customerId) id: string, @Body(new ZodValidationPipe(contactPreferencesSchema)) change: ContactPreferences) {
    return this.outreach.setPreferences(id, change);
  }
}
