import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type AgentReply,
  agentReplySchema,
  type ClaimTask,
  claimTaskSchema,
  type DeclineTask,
  declineTaskSchema,
  ErrorCode,
  type ListTasksQuery,
  listTasksQuerySchema,
  type ReleaseTask,
  releaseTaskSchema,
  type ResolveTask,
  resolveTaskSchema,
  type TransferTask,
  transferTaskSchema,
} from '@baton/contracts';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { OptionalBodyPipe } from '../flows/flow-params';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { TasksService } from './tasks.service';

const taskId = new UuidPipe(ErrorCode.TaskNotFound);
const BUSY = { status: 429, description: 'BUSY_RETRY: too many updates in flight on this conversation; retry after Retry-After' };

@ApiTags('tasks')
@ApiBearerAuth()
@Roles('agent', 'supervisor')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Tasks in a status (open by default), most pressing first; agents see their queues and their own' })
  @ApiZodQuery(listTasksQuerySchema)
  list(@Query(new ZodValidationPipe(listTasksQuerySchema)) query: ListTasksQuery, @Caller() caller: Principal) {
    return this.tasks.list(query, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its handoff context' })
  get(@Param('id', taskId) id: string, @Caller() caller: Principal) {
    return this.tasks.get(id, caller);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task (or accept an offer); exactly one of concurrent claimers wins. Supervisors may name the agent.' })
  @ApiZodBody(claimTaskSchema)
  @ApiResponse({ status: 409, description: 'TASK_ALREADY_CLAIMED, TASK_RESERVED, AGENT_AT_CAPACITY or TASK_CLOSED' })
  @ApiResponse({ status: 403, description: 'AGENT_NOT_ELIGIBLE: missing skills, another queue, or not available' })
  @ApiResponse(BUSY)
  claim(@Param('id', taskId) id: string, @Body(new OptionalBodyPipe(claimTaskSchema)) body: ClaimTask, @Caller() caller: Principal) {
    return this.tasks.claim(id, body, caller);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a task offered to you; it is offered to the next agent' })
  @ApiZodBody(declineTaskSchema)
  @ApiResponse({ status: 409, description: 'TASK_NOT_OFFERED' })
  decline(@Param('id', taskId) id: string, @Body(new OptionalBodyPipe(declineTaskSchema)) body: DeclineTask, @Caller() caller: Principal) {
    return this.tasks.decline(id, body, caller);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reply to the customer on a task you hold' })
  @ApiZodBody(agentReplySchema)
  reply(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(agentReplySchema)) body: AgentReply, @Caller() caller: Principal) {
    return this.tasks.reply(id, body, caller);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Transfer to another queue, or offer to one agent, with a note for whoever takes it' })
  @ApiZodBody(transferTaskSchema)
  @ApiResponse({ status: 404, description: 'QUEUE_NOT_FOUND or AGENT_NOT_FOUND' })
  transfer(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(transferTaskSchema)) body: TransferTask, @Caller() caller: Principal) {
    return this.tasks.transfer(id, body, caller);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the task back to its queue' })
  @ApiZodBody(releaseTaskSchema)
  release(@Param('id', taskId) id: string, @Body(new OptionalBodyPipe(releaseTaskSchema)) body: ReleaseTask, @Caller() caller: Principal) {
    return this.tasks.release(id, body, caller);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the task with a disposition and notes; the flow then continues (a CSAT question, say)' })
  @ApiZodBody(resolveTaskSchema)
  resolve(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(resolveTaskSchema)) body: ResolveTask, @Caller() caller: Principal) {
    return this.tasks.resolve(id, body, caller);
  }
}
