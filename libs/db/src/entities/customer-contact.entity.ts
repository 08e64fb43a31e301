import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a customer may be contacted: email address, time zone (quiet hours) and any opt-out. */
@Entity('customer_contacts')
export class CustomerContactEntity {
  @PrimaryColumn('text', { name: 'customer_id' })
  customerId!: string;

  /** Where email-channel messages go. */
  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { name: 'time_zone', nullable: true })
  timeZone!: string | null;

  /** Consent per channel, topic (an event type's first word) or channel:topic; absent means given. */
  @Column('jsonb', { default: () => "'{}'::jsonb" })
  consent!: Record<string, boolean>;

  @Column('timestamptz', { name: 'opted_out_at', nullable: true })
  optedOutAt!: Date | null;

  @Column('text', { name: 'opt_out_reason', nullable: true })
  optOutReason!: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
