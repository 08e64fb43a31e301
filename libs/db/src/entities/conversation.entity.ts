import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import type { Channel, ConversationStage, DecisionRecord } from '@baton/contracts';
import { MessageEntity } from './message.entity';
import { TaskEntity } from './task.entity';

@Entity('conversations')
@Index('conversations_key_idx', ['channel', 'conversationKey', 'createdAt'])
export class ConversationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text')
  channel!: Channel;

  @Column('text', { name: 'conversation_key' })
  conversationKey!: string;

  @Column('text', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  stage!: ConversationStage;

  @Column('text', { nullable: true })
  intent!: string | null;

  @Column('jsonb', { default: () => "'[]'::jsonb" })
  decisions!: DecisionRecord[];

  /** The published flow version the conversation runs; null until the workflow pins it. */
  @Column('text', { name: 'flow_name', nullable: true })
  flowName!: string | null;

  @Column('integer', { name: 'flow_version', nullable: true })
  flowVersion!: number | null;

  /** Highest workflow event number written; guards against stale writes and feeds the event stream. */
  @Column('integer', { name: 'last_event_seq' })
  lastEventSeq!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @OneToMany(() => MessageEntity, (message) => message.conversation)
  messages?: Relation<MessageEntity[]>;

  @OneToMany(() => TaskEntity, (task) => task.conversation)
  tasks?: Relation<TaskEntity[]>;
}
