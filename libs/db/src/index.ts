export { createDataSource, entities, migrate, migrations } from './data-source';
export type { DataSourceOptions } from './data-source';
export { ConversationEntity } from './entities/conversation.entity';
export { MessageEntity } from './entities/message.entity';
export { TaskEntity } from './entities/task.entity';
export { OutcomeEntity } from './entities/outcome.entity';
export { FlowEntity } from './entities/flow.entity';
export { FlowVersionEntity } from './entities/flow-version.entity';
