import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Signals } from '@baton/contracts';
import { keywordTriage } from '@baton/nlu';
import { Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { type TriageRequest, triageRequestSchema } from './dto/triage-request.schema';

/** What triage reads in a message, for the designer's test chat; stores nothing. */
@ApiTags('nlu')
@ApiBearerAuth()
@Controller('nlu')
@Roles('designer')
export class NluController {
  @Post('triage')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signals triage reads in a message (intents, sentiment, risks, entities); stores nothing' })
  @ApiZodBody(triageRequestSchema)
  @ApiResponse({ status: 400, description: 'MISSING_FIELD, MESSAGE_EMPTY, UNKNOWN_FIELD or MALFORMED_BODY' })
  @ApiResponse({ status: 413, description: 'MESSAGE_TOO_LONG: text over 8192 bytes of UTF-8' })
  triage(@Body(new ZodValidationPipe(triageRequestSchema)) body: TriageRequest): Signals {
    return keywordTriage(body.text);
  }
}
