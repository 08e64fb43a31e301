import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, when: sign-ins, publishes and rollbacks, claims, transfers, resolutions. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('text', { name: 'actor_kind' })
  actorKind!: 'user' | 'api_key' | 'root' | 'anonymous';

  @Column('text', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text', { name: 'actor_name', nullable: true })
  actorName!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { nullable: true })
  target!: string | null;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('text', { nullable: true })
  ip!: string | null;
}
