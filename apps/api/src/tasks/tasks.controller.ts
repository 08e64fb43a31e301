import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type AgentReply,
  agentReplySchema,
  type ClaimTask,
  claimTaskSchema,
  ErrorCode,
  type ListTasksQuery,
  listTasksQuerySchema,
  type ResolveTask,
  resolveTaskSchema,
} from '@baton/contracts';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { TasksService } from './tasks.service';

const taskId = new UuidPipe(ErrorCode.TaskNotFound);

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Tasks in a status (open by default), most pressing first' })
  @ApiZodQuery(listTasksQuerySchema)
  list(@Query(new ZodValidationPipe(listTasksQuerySchema)) query: ListTasksQuery) {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task with its handoff context' })
  get(@Param('id', taskId) id: string) {
    return this.tasks.get(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task; exactly one of concurrent claimers wins' })
  @ApiZodBody(claimTaskSchema)
  @ApiResponse({ status: 409, description: 'TASK_ALREADY_CLAIMED or TASK_CLOSED' })
  @ApiResponse({ status: 429, description: 'BUSY_RETRY: too many updates in flight on this conversation; retry after Retry-After' })
  claim(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(claimTaskSchema)) body: ClaimTask) {
    return this.tasks.claim(id, body);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reply to the customer as the agent who claimed the task' })
  @ApiZodBody(agentReplySchema)
  reply(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(agentReplySchema)) body: AgentReply) {
    return this.tasks.reply(id, body);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the task with a disposition; the customer is then asked for CSAT' })
  @ApiZodBody(resolveTaskSchema)
  resolve(@Param('id', taskId) id: string, @Body(new ZodValidationPipe(resolveTaskSchema)) body: ResolveTask) {
    return this.tasks.resolve(id, body);
  }
}
