import { Module } from '@nestjs/common';
import { AssistController } from './assist.controller';
import { AssistService } from './assist.service';

/** Agent assist: what the AI keeps offering the person handling a conversation. */
@Module({
  controllers: [AssistController],
  providers: [AssistService],
})
export class AssistModule {}
