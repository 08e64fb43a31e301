import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Human tasks: listing, claims, offers, replies, transfers, releases and resolutions. */
@Module({ imports: [RoutingModule], controllers: [TasksController], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
