import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AgentProfile, agentProfileSchema, ErrorCode, presenceSchema, type Presence } from '@baton/contracts';
import { AuditService } from '../audit/audit.service';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AgentsService } from './agents.service';

@ApiTags('routing')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('agents')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every agent: skills, queues, capacity, presence and the tasks they hold' })
  list() {
    return this.agents.list();
  }

  @Get('me')
  @Roles('agent')
  @ApiOperation({ summary: 'The calling agent' })
  me(@Caller() caller: Principal) {
    return this.agents.get(caller.id);
  }

  @Put('me/presence')
  @Roles('agent')
  @ApiOperation({ summary: 'Set your presence: available (offered tasks), busy, away or offline' })
  @ApiZodBody(presenceSchema)
  presence(@Body(new ZodValidationPipe(presenceSchema)) body: { presence: Presence }, @Caller() caller: Principal) {
    return this.agents.setPresence(caller.id, body.presence);
  }

  @Put(':id')
  @ApiOperation({ summary: "Set an agent's skills, queues and capacity" })
  @ApiZodBody(agentProfileSchema)
  async setProfile(
    @Param('id', new UuidPipe(ErrorCode.AgentNotFound)) id: string,
    @Body(new ZodValidationPipe(agentProfileSchema)) profile: AgentProfile,
    @Caller() caller: Principal,
  ) {
    const agent = await this.agents.setProfile(id, profile);
    await this.audit.record(caller, 'agent.updated', `agent:${id}`, { ...profile });
    return agent;
  }
}
