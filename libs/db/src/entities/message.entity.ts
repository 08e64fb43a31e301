import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Channel, MessageRole } from '@baton/contracts';
import { ConversationEntity } from './conversation.entity';

@Entity('messages')
@Index('messages_conversation_seq_key', ['conversationId', 'seq'], { unique: true })
@Index('messages_idempotency_key', ['conversationId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('messages_thread_idempotency_idx', ['channel', 'conversationKey', 'idempotencyKey'], { where: 'idempotency_key IS NOT NULL' })
export class MessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'conversation_id' })
  conversationId!: string;

  @ManyToOne(() => ConversationEntity, (conversation) => conversation.messages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Relation<ConversationEntity>;

  /** Position in the conversation's event stream, assigned by the workflow. */
  @Column('integer')
  seq!: number;

  @Column('text')
  role!: MessageRole;

  @Column('text', { nullable: true })
  author!: string | null;

  @Column('text')
  text!: string;

  @Column('text')
  channel!: Channel;

  @Column('text', { name: 'conversation_key' })
  conversationKey!: string;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column('jsonb', { nullable: true })
  signals!: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
