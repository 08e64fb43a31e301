import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Disposition, TaskContext, TaskHistoryEntry, TaskPriority, TaskSla, TaskStatus } from '@baton/contracts';
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

  /** Null only on tasks stored before the column existed and whose conversation is gone. */
  @Column('text', { name: 'customer_id', nullable: true })
  customerId!: string | null;

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

  @Column('uuid', { name: 'reserved_for', nullable: true })
  reservedFor!: string | null;

  @Column('timestamptz', { name: 'reservation_expires_at', nullable: true })
  reservationExpiresAt!: Date | null;

  @Column('jsonb')
  sla!: TaskSla;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @Column('timestamptz', { name: 'first_reply_at', nullable: true })
  firstReplyAt!: Date | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('jsonb')
  history!: TaskHistoryEntry[];

  /** Grows with every change to the row: live feeds read what changed since the last number they saw. */
  @Column('bigint', { name: 'change_id' })
  changeId!: string;

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
