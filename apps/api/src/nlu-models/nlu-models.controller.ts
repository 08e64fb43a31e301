import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type ClassifyNlu,
  classifyNluSchema,
  type PutTrainingSet,
  putTrainingSetSchema,
  type RollbackNluModel,
  rollbackNluModelSchema,
  SYNC_TRAINING_LIMIT,
  type TrainNluModel,
  trainNluModelSchema,
} from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { NluModelNamePipe } from './nlu-model-params';
import { NluModelsService } from './nlu-models.service';

const modelName = new NluModelNamePipe();

@ApiTags('nlu-models')
@ApiBearerAuth()
@Controller('nlu/models')
@Roles('designer')
export class NluModelsController {
  constructor(private readonly models: NluModelsService) {}

  @Put(':name/training-set')
  @ApiOperation({ summary: 'Replace the example utterances per intent a model is trained from (creates the model on first use)' })
  @ApiZodBody(putTrainingSetSchema)
  @ApiResponse({ status: 400, description: 'INVALID_FIELD naming the intent or utterance: label not a slug, 1..2000 utterances of 1..500 characters, 2..200 intents' })
  async putTrainingSet(
    @Param('name', modelName) name: string,
    @Body(new ZodValidationPipe(putTrainingSetSchema)) body: PutTrainingSet,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.models.putTrainingSet(name, body);
    response.status(result.created ? 201 : 200);
    return result.trainingSet;
  }

  @Get(':name/training-set')
  @ApiOperation({ summary: "A model's training set" })
  @ApiResponse({ status: 404, description: 'NLU_MODEL_NOT_FOUND' })
  trainingSet(@Param('name', modelName) name: string) {
    return this.models.trainingSet(name);
  }

  @Post(':name/train')
  @ApiOperation({
    summary: `Train a new version from the training set and make it current: 201 with the result for up to ${SYNC_TRAINING_LIMIT} utterances without word vectors, else 202 while it trains (follow it in /versions)`,
  })
  @ApiZodBody(trainNluModelSchema)
  @ApiResponse({ status: 409, description: 'NLU_TRAINING_IN_PROGRESS: another version of this model is training' })
  @ApiResponse({ status: 422, description: 'NLU_TRAINING_FAILED, with the reason (also recorded on the version)' })
  async train(
    @Param('name', modelName) name: string,
    @Body(new ZodValidationPipe(trainNluModelSchema)) body: TrainNluModel,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.models.train(name, body);
    response.status(result.finished ? 201 : 202);
    return result.version;
  }

  @Get(':name/versions')
  @ApiOperation({ summary: 'Trained versions, newest first, with their training summaries and which one is current' })
  versions(@Param('name', modelName) name: string) {
    return this.models.versions(name);
  }

  @Post(':name/rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make an earlier ready version current again (the worker picks it up within its refresh interval)' })
  @ApiZodBody(rollbackNluModelSchema)
  @ApiResponse({ status: 404, description: 'NLU_MODEL_VERSION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'NLU_MODEL_VERSION_NOT_READY: the version is training or failed' })
  rollback(@Param('name', modelName) name: string, @Body(new ZodValidationPipe(rollbackNluModelSchema)) body: RollbackNluModel) {
    return this.models.rollback(name, body.version);
  }

  @Post(':name/classify')
  @HttpCode(200)
  @ApiOperation({ summary: "The current version's intents with calibrated confidences and its out-of-scope verdict for a text; stores nothing" })
  @ApiZodBody(classifyNluSchema)
  @ApiResponse({ status: 404, description: 'NLU_MODEL_NOT_FOUND: no such model or no trained version' })
  classify(@Param('name', modelName) name: string, @Body(new ZodValidationPipe(classifyNluSchema)) body: ClassifyNlu) {
    return this.models.classify(name, body.text);
  }
}
