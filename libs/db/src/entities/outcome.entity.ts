import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Disposition, Resolution } from '@baton/contracts';
import { ConversationEntity } from './conversation.entity';

@Entity('outcomes')
export class OutcomeEntity {
  @PrimaryColumn('uuid', { name: 'conversation_id' })
  conversationId!: string;

  @OneToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Relation<ConversationEntity>;

  @Column('text')
  resolution!: Resolution;

  @Column('boolean')
  escalated!: boolean;

  @Column('text', { nullable: true })
  disposition!: Disposition | null;

  @Column('smallint', { nullable: true })
  csat!: number | null;

  @Column('timestamptz', { name: 'closed_at' })
  closedAt!: Date;
}
