import { Module } from '@nestjs/common';
import { FlowSeeder } from './flow-seeder';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';

/** Flow drafts, published versions, validation, rollback and diffs; publishes the shipped flows on first start. */
@Module({
  controllers: [FlowsController],
  providers: [FlowsService, FlowSeeder],
  exports: [FlowsService],
})
export class FlowsModule {}
