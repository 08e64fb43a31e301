import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Disposition, TaskContext, TaskPriority, TaskStatus } from '@baton/contracts';
import { ConversationEntity } from './conversation.entity';

@Entity('tasks')
@Index('tasks_status_priority_idx', ['status', 'priorityRank', 'createdAt'])
export class TaskEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'conversation_id' })
  conversationId!: string;

  @ManyToOne(() => ConversationEntity, (conversation) => conversation.tasks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Relation<ConversationEntity>;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text')
  queue!: string;

  @Column('text')
  priority!: TaskPriority;

  /** 0 for urgent .. 3 for low, so that ORDER BY puts the most pressing first. */
  @Column('smallint', { name: 'priority_rank' })
  priorityRank!: number;

  /** Skills an agent needs to take the task (e.g. `licensed` for regulated topics). */
  @Column('text', { name: 'required_skills', array: true, default: () => "'{}'" })
  requiredSkills!: string[];

  @Column('text')
  status!: TaskStatus;

  @Column('text')
  reason!: string;

  @Column('jsonb')
  context!: TaskContext;

  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  @Column('text', { nullable: true })
  disposition!: Disposition | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('integer', { name: 'last_event_seq' })
  lastEventSeq!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
