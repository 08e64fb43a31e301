import { Module } from '@nestjs/common';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';

/** Queues and agents: who takes which tasks, how many at once, and when. */
@Module({ controllers: [QueuesController, AgentsController], providers: [QueuesService, AgentsService], exports: [QueuesService, AgentsService] })
export class RoutingModule {}
