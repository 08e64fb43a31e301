import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { OutreachService } from './outreach.service';

/** Business events that start outreach conversations, and customers' contact preferences. */
@Module({
  controllers: [EventsController],
  providers: [OutreachService],
})
export class EventsModule {}
