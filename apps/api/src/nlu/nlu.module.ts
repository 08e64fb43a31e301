import { Module } from '@nestjs/common';
import { NluController } from './nlu.controller';

/** Language understanding on demand: the signals triage would read in a message. */
@Module({ controllers: [NluController] })
export class NluModule {}
