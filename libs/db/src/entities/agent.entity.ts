import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Presence } from '@baton/contracts';

/** A user who takes tasks: skills, the queues served (empty: all), how many at once, and presence. */
@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text', { array: true })
  skills!: string[];

  @Column('text', { array: true })
  queues!: string[];

  @Column('integer')
  capacity!: number;

  @Column('text')
  presence!: Presence;

  @Column('timestamptz', { name: 'presence_since' })
  presenceSince!: Date;

  /** Since when the agent has had nothing new: push routing offers to the longest idle first. */
  @Column('timestamptz', { name: 'idle_since' })
  idleSince!: Date;
}
