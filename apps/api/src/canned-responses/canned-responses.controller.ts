import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type CannedResponseInput, cannedResponseSchema, type CannedResponseView, ErrorCode } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { type ListCannedResponsesQuery, listCannedResponsesQuerySchema } from './canned-responses.params';
import { CannedResponsesService } from './canned-responses.service';

const cannedResponseId = new UuidPipe(ErrorCode.CannedResponseNotFound);

@ApiTags('canned responses')
@ApiBearerAuth()
@Roles('supervisor')
@ApiResponse({ status: 400, description: 'INVALID_FIELD, MISSING_FIELD or UNKNOWN_FIELD: the body or query is malformed' })
@Controller('canned-responses')
export class CannedResponsesController {
  constructor(private readonly cannedResponses: CannedResponsesService) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Canned responses for a queue (its own first, then those for every queue); without a queue, all of them" })
  @ApiZodQuery(listCannedResponsesQuerySchema)
  list(@Query(new ZodValidationPipe(listCannedResponsesQuerySchema)) query: ListCannedResponsesQuery): Promise<CannedResponseView[]> {
    return this.cannedResponses.list(query.queue);
  }

  @Post()
  @ApiOperation({ summary: 'Add a canned response, for one queue or (queue null) for every queue' })
  @ApiZodBody(cannedResponseSchema)
  create(@Body(new ZodValidationPipe(cannedResponseSchema)) body: CannedResponseInput): Promise<CannedResponseView> {
    return this.cannedResponses.create(body);
  }

  @Put(':id')
  @ApiOperation({ summary: "Replace a canned response's title, text and queue" })
  @ApiZodBody(cannedResponseSchema)
  @ApiResponse({ status: 404, description: 'CANNED_RESPONSE_NOT_FOUND' })
  update(@Param('id', cannedResponseId) id: string, @Body(new ZodValidationPipe(cannedResponseSchema)) body: CannedResponseInput): Promise<CannedResponseView> {
    return this.cannedResponses.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a canned response' })
  @ApiResponse({ status: 404, description: 'CANNED_RESPONSE_NOT_FOUND' })
  async remove(@Param('id', cannedResponseId) id: string): Promise<void> {
    await this.cannedResponses.remove(id);
  }
}
