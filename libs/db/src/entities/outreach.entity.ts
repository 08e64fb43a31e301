import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One business event for one customer, and what became of it (started or skipped, and why). */
@Entity('outreaches')
export class OutreachEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column('text', { name: 'customer_id' })
  customerId!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  /** SHA-256 of the canonical payload: the same event for the same customer is sent once per window. */
  @Column('text', { name: 'payload_hash' })
  payloadHash!: string;

  @Column('text')
  channel!: string;

  @Column('text', { name: 'conversation_key' })
  conversationKey!: string;

  @Column('text')
  status!: 'started' | 'skipped';

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { name: 'flow_name', nullable: true })
  flowName!: string | null;

  @Column('integer', { name: 'flow_version', nullable: true })
  flowVersion!: number | null;

  @Column('uuid', { name: 'conversation_id', nullable: true })
  conversationId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
