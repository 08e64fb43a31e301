import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConversationEntity } from './entities/conversation.entity';
import { FlowVersionEntity } from './entities/flow-version.entity';
import { FlowEntity } from './entities/flow.entity';
import { MessageEntity } from './entities/message.entity';
import { OutcomeEntity } from './entities/outcome.entity';
import { TaskEntity } from './entities/task.entity';
import { InitialReadModels1764860000000 } from './migrations/1764860000000-initial-read-models';
import { Flows1764870000000 } from './migrations/1764870000000-flows';
import { FlowPinning1764875000000 } from './migrations/1764875000000-flow-pinning';
import { KnowledgeArticleEntity } from './entities/knowledge-article.entity';
import { KnowledgeBaseSeedEntity } from './entities/knowledge-base-seed.entity';
import { KnowledgeBase1764884000000 } from './migrations/1764884000000-knowledge-base';
import { Outreach1764890000000 } from './migrations/1764890000000-outreach';
import { Deliveries1764895000000 } from './migrations/1764895000000-deliveries';
import { Campaigns1764900000000 } from './migrations/1764900000000-campaigns';
import { Consent1764905000000 } from './migrations/1764905000000-consent';
import { OutreachEntity } from './entities/outreach.entity';
import { CustomerContactEntity } from './entities/customer-contact.entity';
import { NluTrainingSetEntity } from './entities/nlu-training-set.entity';
import { NluModelEntity } from './entities/nlu-model.entity';
import { NluModels1764910000000 } from './migrations/1764910000000-nlu-models';
import { PeopleAndRouting1764920000000 } from './migrations/1764920000000-people-and-routing';
import { TaskCustomer1764921000000 } from './migrations/1764921000000-task-customer';
import { NluModelEncoder1764930000000 } from './migrations/1764930000000-nlu-model-encoder';
import { NluModelOperatingPoint1764940000000 } from './migrations/1764940000000-nlu-model-operating-point';
import { NluModelProgress1764950000000 } from './migrations/1764950000000-nlu-model-progress';
import { RateLimits1764960000000 } from './migrations/1764960000000-rate-limits';
import { UserEntity } from './entities/user.entity';
import { SessionEntity } from './entities/session.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { QueueEntity } from './entities/queue.entity';
import { AgentEntity } from './entities/agent.entity';
import { AgentAssignmentEntity } from './entities/agent-assignment.entity';
import { CannedResponseEntity } from './entities/canned-response.entity';

export const entities = [ConversationEntity, MessageEntity, TaskEntity, OutcomeEntity, FlowEntity, FlowVersionEntity, KnowledgeArticleEntity, KnowledgeBaseSeedEntity, OutreachEntity, CustomerContactEntity, NluTrainingSetEntity, NluModelEntity, UserEntity, SessionEntity, ApiKeyEntity, AuditEntryEntity, QueueEntity, AgentEntity, AgentAssignmentEntity, CannedResponseEntity];
export const migrations = [InitialReadModels1764860000000, Flows1764870000000, FlowPinning1764875000000, KnowledgeBase1764884000000, Outreach1764890000000, Deliveries1764895000000, Campaigns1764900000000, Consent1764905000000, NluModels1764910000000, PeopleAndRouting1764920000000, TaskCustomer1764921000000, NluModelEncoder1764930000000, NluModelOperatingPoint1764940000000, NluModelProgress1764950000000, RateLimits1764960000000];

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; PGlite serves a handful, a real server many. */
  poolSize?: number;
  applicationName?: string;
}

/** The one DataSource definition shared by the API, the worker and the migration command. */
export function createDataSource({ url, poolSize = 10, applicationName = 'baton' }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error', 'migration'],
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  });
}

/** Applies pending migrations; returns the names of those applied. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'baton-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
