import { Module } from '@nestjs/common';
import { DeskController } from './desk.controller';
import { DeskFeed } from './desk-feed.service';

/** The agent desk's live feed of tasks. */
@Module({ controllers: [DeskController], providers: [DeskFeed] })
export class DeskModule {}
