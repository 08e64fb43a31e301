import { Module } from '@nestjs/common';
import { NluModelSeeder } from './nlu-model-seeder';
import { NluModelsController } from './nlu-models.controller';
import { NluModelsService } from './nlu-models.service';

/** Named, versioned intent models: training sets, training in a worker thread, versions, rollback, classify; trains the shipped sets on first start. */
@Module({
  controllers: [NluModelsController],
  providers: [NluModelsService, NluModelSeeder],
  exports: [NluModelsService],
})
export class NluModelsModule {}
