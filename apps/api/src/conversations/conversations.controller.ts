import { Controller, Get, Headers, Param, type MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { ErrorCode } from '@baton/contracts';
import { AllowQueryToken, Roles } from '../auth/auth.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { ConversationsService } from './conversations.service';

export const lastEventId = (header: string | undefined) => (header && /^\d{1,9}$/.test(header) ? Number(header) : 0);

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
@Roles('supervisor', 'agent', 'designer')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A conversation: transcript, stage, tasks, decisions and outcome' })
  get(@Param('id', new UuidPipe(ErrorCode.ConversationNotFound)) id: string) {
    return this.conversations.get(id);
  }

  @Sse(':id/events')
  @AllowQueryToken()
  @ApiOperation({ summary: 'Server-sent events: new messages, task changes and stage changes (resume with Last-Event-ID)' })
  async events(
    @Param('id', new UuidPipe(ErrorCode.ConversationNotFound)) id: string,
    @Headers('last-event-id') lastEvent?: string,
  ): Promise<Observable<MessageEvent>> {
    await this.conversations.find(id);
    return this.conversations.stream(id, lastEventId(lastEvent));
  }
}
