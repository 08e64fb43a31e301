import { Body, Controller, Delete, Get, HttpCode, Param, type PipeTransform, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorCode, queueName, type QueueSettings, queueSettingsSchema } from '@baton/contracts';
import { AuditService } from '../audit/audit.service';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { QueuesService } from './queues.service';

/** A queue name in a path: a slug, or no such queue. */
export class QueueNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!queueName.safeParse(value).success) throw new ApiError(404, ErrorCode.QueueNotFound, `no queue is named ${value.slice(0, 80)}`);
    return value;
  }
}
const name = new QueueNamePipe();

@ApiTags('routing')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('queues')
export class QueuesController {
  constructor(
    private readonly queues: QueuesService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Every queue with its settings and whether it is staffed now' })
  list() {
    return this.queues.list();
  }

  @Get(':name')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'One queue' })
  get(@Param('name', name) queue: string) {
    return this.queues.get(queue);
  }

  @Put(':name')
  @ApiOperation({ summary: 'Create or change a queue: pull or push, skills, priority, SLA, reservation time, business hours' })
  @ApiZodBody(queueSettingsSchema)
  @ApiResponse({ status: 201, description: 'created' })
  @ApiResponse({ status: 200, description: 'changed' })
  async put(
    @Param('name', name) queue: string,
    @Body(new ZodValidationPipe(queueSettingsSchema)) settings: QueueSettings,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, queue: view } = await this.queues.put(queue, settings);
    await this.audit.record(caller, 'queue.updated', `queue:${queue}`, { created, mode: settings.mode });
    response.status(created ? 201 : 200);
    return view;
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a queue nobody is waiting in' })
  @ApiResponse({ status: 409, description: 'QUEUE_IN_USE' })
  async remove(@Param('name', name) queue: string, @Caller() caller: Principal) {
    await this.queues.remove(queue);
    await this.audit.record(caller, 'queue.updated', `queue:${queue}`, { removed: true });
  }
}
