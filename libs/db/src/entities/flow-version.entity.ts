import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { FlowEntity } from './flow.entity';

/** An immutable published version of a flow (1, 2, 3, ... per flow). */
@Entity('flow_versions')
export class FlowVersionEntity {
  @PrimaryColumn('uuid', { name: 'flow_id' })
  flowId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @ManyToOne(() => FlowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flow_id' })
  flow?: Relation<FlowEntity>;

  /** The flow as published, in canonical order (defaults are not filled in: parse it to run it). */
  @Column('jsonb')
  content!: Record<string, unknown>;

  /** SHA-256 of the parsed flow's canonical serialisation (flowContentHash); equal content makes no new version. */
  @Column('text', { name: 'content_hash' })
  contentHash!: string;

  @Column('text')
  author!: string;

  @Column('text')
  message!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** The earlier version whose content this one republished, when it is a rollback. */
  @Column('integer', { name: 'rollback_of', nullable: true })
  rollbackOf!: number | null;
}
