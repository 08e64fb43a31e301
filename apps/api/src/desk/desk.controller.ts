import { Controller, type MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { AllowQueryToken, Caller, type Principal, Roles } from '../auth/auth.decorators';
import { DeskFeed } from './desk-feed.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('desk')
export class DeskController {
  constructor(private readonly feed: DeskFeed) {}

  @Sse('events')
  @AllowQueryToken()
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Server-sent events for the agent desk: each open or held task you may see, then every change to them (event `task`, a TaskView)',
  })
  events(@Caller() caller: Principal): Observable<MessageEvent> {
    return this.feed.watch(caller);
  }
}
