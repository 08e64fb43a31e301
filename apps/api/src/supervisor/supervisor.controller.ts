import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SupervisorOverview } from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { SupervisorService } from './supervisor.service';

@ApiTags('supervisor')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('supervisor')
export class SupervisorController {
  constructor(private readonly supervisor: SupervisorService) {}

  @Get('overview')
  @ApiOperation({ summary: "Every queue's backlog, longest wait and claim SLA over the last 24 hours, and every agent's presence and load" })
  overview(): Promise<SupervisorOverview> {
    return this.supervisor.overview();
  }
}
