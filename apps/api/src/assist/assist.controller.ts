import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AssistView, ErrorCode } from '@baton/contracts';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { AssistService } from './assist.service';

const taskId = new UuidPipe(ErrorCode.TaskNotFound);

@ApiTags('assist')
@ApiBearerAuth()
@Roles('agent', 'supervisor')
@Controller('tasks')
export class AssistController {
  constructor(private readonly assist: AssistService) {}

  @Get(':id/assist')
  @ApiOperation({
    summary: "AI assist for the agent on a task: knowledge passages and a suggested reply for the customer's latest question, and risk flags",
  })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: an agent asked about a task they do not hold and that is not open in a queue they serve' })
  @ApiResponse({ status: 404, description: 'TASK_NOT_FOUND' })
  get(@Param('id', taskId) id: string, @Caller() caller: Principal): Promise<AssistView> {
    return this.assist.assist(id, caller);
  }
}
