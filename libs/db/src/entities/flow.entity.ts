import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FlowKind } from '@baton/flow';

/** A flow: its editable draft and a pointer to the published version new conversations take. */
@Entity('flows')
export class FlowEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Slug, unique: how the API, the CLI and flow files name the flow. */
  @Column('text', { unique: true })
  name!: string;

  @Column('text')
  kind!: FlowKind;

  @Column('text', { nullable: true })
  description!: string | null;

  /** The flow document being edited; any JSON object, validated on validate and publish. */
  @Column('jsonb')
  draft!: Record<string, unknown>;

  /** Incremented on every save; an editor saving over a newer revision is refused. */
  @Column('integer', { name: 'draft_revision' })
  draftRevision!: number;

  @Column('text', { name: 'draft_updated_by' })
  draftUpdatedBy!: string;

  @Column('timestamptz', { name: 'draft_updated_at' })
  draftUpdatedAt!: Date;

  /** The published version new conversations are pinned to; null until the first publish. */
  @Column('integer', { name: 'current_version', nullable: true })
  currentVersion!: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
