import { Module } from '@nestjs/common';
import { CannedResponsesController } from './canned-responses.controller';
import { CannedResponsesSeeder } from './canned-responses.seeder';
import { CannedResponsesService } from './canned-responses.service';

/** Canned responses agents insert into replies; supervisors manage them. A starting set is seeded. */
@Module({
  controllers: [CannedResponsesController],
  providers: [CannedResponsesService, CannedResponsesSeeder],
})
export class CannedResponsesModule {}
