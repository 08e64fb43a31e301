import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CustomerConversationSummary } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodQuery } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CustomerIdPipe } from '../events/customer-id.pipe';
import { type CustomerConversationsQuery, customerConversationsQuerySchema } from './customers.params';
import { CustomersService } from './customers.service';

/** Customers' history for the people who serve them (contact preferences live with events, under the same path prefix). */
@ApiTags('customers')
@ApiBearerAuth()
@Roles('agent', 'supervisor')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get(':customerId/conversations')
  @ApiOperation({ summary: "A customer's conversations, newest first: channel, stage, intent, outcome and the first message (140 characters)" })
  @ApiZodQuery(customerConversationsQuerySchema)
  @ApiResponse({ status: 400, description: 'INVALID_FIELD: the customer id or limit is malformed' })
  conversations(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Query(new ZodValidationPipe(customerConversationsQuerySchema)) query: CustomerConversationsQuery,
  ): Promise<CustomerConversationSummary[]> {
    return this.customers.conversations(customerId, query.limit);
  }
}
