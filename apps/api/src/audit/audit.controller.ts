import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditPage, type AuditQuery, auditQuerySchema } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodQuery } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuditService } from './audit.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first: sign-ins, user and key changes, publishes and rollbacks, task actions' })
  @ApiZodQuery(auditQuerySchema)
  list(@Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
