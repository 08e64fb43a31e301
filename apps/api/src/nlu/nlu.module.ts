import { Module } from '@nestjs/common';
import { NluController } from './nlu.controller';
import { NluService } from './nlu.service';

/** Language understanding on demand: the signals triage would read in a message. */
@Module({ controllers: [NluController], providers: [NluService] })
export class NluModule {}
