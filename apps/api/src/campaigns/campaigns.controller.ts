import { Body, Controller, Delete, Get, HttpCode, Param, type PipeTransform, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { campaignName, type CreateCampaign, createCampaignSchema, ErrorCode } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CampaignsService } from './campaigns.service';

/** A campaign name in a path: a slug, or no such campaign. */
class CampaignNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!campaignName.safeParse(value).success) throw new ApiError(404, ErrorCode.CampaignNotFound, `no campaign is named ${value.slice(0, 80)}`);
    return value;
  }
}
const name = new CampaignNamePipe();

@ApiTags('outreach')
@ApiBearerAuth()
@Controller('campaigns')
@Roles('supervisor')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a recurring outreach campaign (a Temporal Schedule) to an audience from the business system' })
  @ApiZodBody(createCampaignSchema)
  @ApiResponse({ status: 409, description: 'CAMPAIGN_EXISTS' })
  @ApiResponse({ status: 422, description: 'NO_OUTREACH_FLOW' })
  create(@Body(new ZodValidationPipe(createCampaignSchema)) campaign: CreateCampaign) {
    return this.campaigns.create(campaign);
  }

  @Get()
  @ApiOperation({ summary: 'Every campaign with its schedule state (paused, next run)' })
  list() {
    return this.campaigns.list();
  }

  @Get(':name')
  @ApiOperation({ summary: 'A campaign with its schedule state' })
  get(@Param('name', name) campaign: string) {
    return this.campaigns.get(campaign);
  }

  @Get(':name/runs')
  @ApiOperation({ summary: "A campaign's runs with their progress: audience read, started, skipped by reason, failed" })
  runs(@Param('name', name) campaign: string) {
    return this.campaigns.runs(campaign);
  }

  @Post(':name/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the schedule' })
  pause(@Param('name', name) campaign: string) {
    return this.campaigns.setPaused(campaign, true);
  }

  @Post(':name/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the schedule' })
  resume(@Param('name', name) campaign: string) {
    return this.campaigns.setPaused(campaign, false);
  }

  @Post(':name/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a run now' })
  async run(@Param('name', name) campaign: string) {
    await this.campaigns.runNow(campaign);
    return { campaign, triggered: true };
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the campaign and its schedule (runs under way finish)' })
  async remove(@Param('name', name) campaign: string) {
    await this.campaigns.remove(campaign);
  }
}
