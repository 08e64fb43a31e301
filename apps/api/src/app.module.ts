import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditController } from './audit/audit.controller';
import { AssistModule } from './assist/assist.module';
import { AuditService } from './audit/audit.service';
import { AuthModule } from './auth/auth.module';
import { AuthGuard } from './auth/auth.guard';
import { ChatTokenService } from './auth/chat-token.service';
import { CannedResponsesModule } from './canned-responses/canned-responses.module';
import { ChatController } from './chat/chat.controller';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { API_CONFIG, type ApiConfig } from './config';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsService } from './conversations/conversations.service';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { EventsModule } from './events/events.module';
import { FlowsModule } from './flows/flows.module';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { InboundRateLimit } from './messages/inbound-rate-limit';
import { MessagesController } from './messages/messages.controller';
import { MessagesService } from './messages/messages.service';
import { NluModule } from './nlu/nlu.module';
import { NluModelsModule } from './nlu-models/nlu-models.module';
import { SupervisorModule } from './supervisor/supervisor.module';
import { DeskModule } from './desk/desk.module';
import { RoutingModule } from './routing/routing.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, TemporalModule, RoutingModule, TasksModule, DeskModule, FlowsModule, NluModule, NluModelsModule, KnowledgeModule, EventsModule, CampaignsModule, AuthModule, UsersModule, ApiKeysModule, AssistModule, SupervisorModule, CannedResponsesModule, CustomersModule],
      controllers: [HealthController, MessagesController, ConversationsController, ChatController, AuditController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        ChatTokenService,
        ConversationsService,
        MessagesService,
        InboundRateLimit,
        HealthService,
        AuditService,
      ],
      exports: [API_CONFIG, AuditService],
    };
  }
}
