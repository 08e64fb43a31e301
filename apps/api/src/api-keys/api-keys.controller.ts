import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ApiKeyView, type CreateApiKey, createApiKeySchema, type CreatedApiKeyView, ErrorCode } from '@baton/contracts';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ApiKeysService } from './api-keys.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Every API key, newest first, with its prefix and last use (never the key)' })
  list(): Promise<ApiKeyView[]> {
    return this.keys.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key with the given roles; the key (bk_...) is answered this once' })
  @ApiZodBody(createApiKeySchema)
  create(@Caller() caller: Principal, @Body(new ZodValidationPipe(createApiKeySchema)) body: CreateApiKey, @Ip() ip: string): Promise<CreatedApiKeyView> {
    return this.keys.create(caller, body, ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key: it is refused from its next request on' })
  @ApiResponse({ status: 404, description: 'API_KEY_NOT_FOUND' })
  revoke(@Caller() caller: Principal, @Param('id', new UuidPipe(ErrorCode.ApiKeyNotFound)) id: string, @Ip() ip: string): Promise<void> {
    return this.keys.revoke(caller, id, ip);
  }
}
