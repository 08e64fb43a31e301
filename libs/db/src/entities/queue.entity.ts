import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BusinessHours, QueueSettings } from '@baton/contracts';

/** A queue that escalate nodes name: who may take its tasks, how they are assigned, its service levels. */
@Entity('queues')
export class QueueEntity {
  @PrimaryColumn('text')
  name!: string;

  @Column('text')
  title!: string;

  @Column('text')
  mode!: QueueSettings['mode'];

  @Column('text', { name: 'required_skills', array: true })
  requiredSkills!: string[];

  @Column('smallint')
  priority!: number;

  @Column('jsonb')
  sla!: QueueSettings['sla'];

  @Column('integer', { name: 'reservation_seconds' })
  reservationSeconds!: number;

  @Column('jsonb', { name: 'business_hours', nullable: true })
  businessHours!: BusinessHours | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
