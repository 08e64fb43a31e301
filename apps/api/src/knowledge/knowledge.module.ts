import { Module } from '@nestjs/common';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeSeeder } from './knowledge-seeder';
import { KnowledgeService } from './knowledge.service';

/** Knowledge bases: articles over the API, full-text search, and the shipped bases seeded at start. */
@Module({
  controllers: [KnowledgeController],
  providers: [KnowledgeService, KnowledgeSeeder],
  exports: [KnowledgeService],
})
export class KnowledgeModule {}
