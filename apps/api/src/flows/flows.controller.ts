import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type CreateFlow,
  createFlowSchema,
  type FlowDiffQuery,
  flowDiffQuerySchema,
  type PublishFlow,
  publishFlowSchema,
  type RollbackFlow,
  rollbackFlowSchema,
  type SaveDraft,
  saveDraftSchema,
  type ValidateFlowRequest,
  validateFlowSchema,
} from '@baton/contracts';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { FlowNamePipe, FlowVersionPipe, OptionalBodyPipe } from './flow-params';
import { FlowsService } from './flows.service';

const flowName = new FlowNamePipe();

@ApiTags('flows')
@ApiBearerAuth()
@Controller('flows')
@Roles('designer')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get()
  @ApiOperation({ summary: 'Every flow: its current version, last publisher and whether the draft has unpublished changes' })
  list() {
    return this.flows.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a flow with a first draft (a start and an end node unless one is given)' })
  @ApiZodBody(createFlowSchema)
  @ApiResponse({ status: 409, description: 'FLOW_EXISTS' })
  create(@Body(new ZodValidationPipe(createFlowSchema)) body: CreateFlow) {
    return this.flows.create(body);
  }

  @Get(':name')
  @ApiOperation({ summary: 'A flow with its draft and its current version' })
  get(@Param('name', flowName) name: string) {
    return this.flows.detail(name);
  }

  @Get(':name/versions')
  @ApiOperation({ summary: 'Published versions of a flow, newest first (without content)' })
  versions(@Param('name', flowName) name: string) {
    return this.flows.versions(name);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One published version with its canonical content' })
  version(@Param('name', flowName) name: string, @Param('version', new FlowVersionPipe()) version: number) {
    return this.flows.version(name, version);
  }

  @Put(':name/draft')
  @ApiOperation({ summary: 'Save the draft; refused unless it is still at baseRevision' })
  @ApiZodBody(saveDraftSchema)
  @ApiResponse({ status: 409, description: 'DRAFT_CONFLICT, with the current revision and a diff from the sent flow to the saved draft' })
  saveDraft(@Param('name', flowName) name: string, @Body(new ZodValidationPipe(saveDraftSchema)) body: SaveDraft) {
    return this.flows.saveDraft(name, body);
  }

  @Post(':name/validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate the saved draft, or the flow in the body; answers every problem' })
  @ApiZodBody(validateFlowSchema)
  validate(@Param('name', flowName) name: string, @Body(new OptionalBodyPipe(validateFlowSchema)) body: ValidateFlowRequest) {
    return this.flows.validate(name, 'flow' in body ? body.flow : undefined);
  }

  @Post(':name/publish')
  @ApiOperation({ summary: 'Publish the draft as a new current version (201), or answer the current one when its content is the same (200)' })
  @ApiZodBody(publishFlowSchema)
  @ApiResponse({ status: 422, description: 'FLOW_INVALID, with every problem; nothing is published' })
  @ApiResponse({ status: 409, description: 'DRAFT_CONFLICT: the draft is no longer at baseRevision' })
  async publish(
    @Param('name', flowName) name: string,
    @Body(new ZodValidationPipe(publishFlowSchema)) body: PublishFlow,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.flows.publish(name, body, caller);
    response.status(result.created ? 201 : 200);
    return result;
  }

  @Post(':name/rollback')
  @ApiOperation({ summary: "Republish an earlier version's content as a new current version marked as its rollback" })
  @ApiZodBody(rollbackFlowSchema)
  async rollback(
    @Param('name', flowName) name: string,
    @Body(new ZodValidationPipe(rollbackFlowSchema)) body: RollbackFlow,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.flows.rollback(name, body, caller);
    response.status(result.created ? 201 : 200);
    return result;
  }

  @Get(':name/diff')
  @ApiOperation({ summary: 'Structural diff between two versions or a version and the draft (from: current version, to: draft by default)' })
  @ApiZodQuery(flowDiffQuerySchema)
  diff(@Param('name', flowName) name: string, @Query(new ZodValidationPipe(flowDiffQuerySchema)) query: FlowDiffQuery) {
    return this.flows.diff(name, query);
  }
}
