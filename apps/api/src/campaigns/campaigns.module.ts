import { Module } from '@nestjs/common';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** Recurring outreach campaigns on Temporal Schedules. */
@Module({ controllers: [CampaignsController], providers: [CampaignsService] })
export class CampaignsModule {}
