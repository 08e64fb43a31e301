import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Signals } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { type TriageRequest, triageRequestSchema } from './dto/triage-request.schema';
import { NluService } from './nlu.service';

/** What triage reads in a message, for the designer's test chat; stores nothing. */
@ApiTags('nlu')
@ApiBearerAuth()
@Controller('nlu')
@Roles('designer')
export class NluController {
  constructor(private readonly nlu: NluService) {}

  @Post('triage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The signals triage reads in a message, as the worker reads them; stores nothing',
    description:
      "The current version of the intent model (`model`, else the worker's default `conversation-default`) gives the intents, " +
      'the out-of-scope verdict and `model: {name, version}`; keyword rules give sentiment, risks, entities, complexity and `language` ' +
      '(ISO 639-1, or `und`). Without a trained default model the keyword rules give the intents too.',
  })
  @ApiZodBody(triageRequestSchema)
  @ApiResponse({ status: 400, description: 'MISSING_FIELD, MESSAGE_EMPTY, INVALID_FIELD, UNKNOWN_FIELD or MALFORMED_BODY' })
  @ApiResponse({ status: 404, description: 'NLU_MODEL_NOT_FOUND (no such model, or none trained yet) or NLU_MODEL_VERSION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'NLU_MODEL_VERSION_NOT_READY: the pinned version is training or failed' })
  @ApiResponse({ status: 413, description: 'MESSAGE_TOO_LONG: text over 8192 bytes of UTF-8' })
  triage(@Body(new ZodValidationPipe(triageRequestSchema)) body: TriageRequest): Promise<Signals> {
    return this.nlu.read(body.text, body.model);
  }
}
