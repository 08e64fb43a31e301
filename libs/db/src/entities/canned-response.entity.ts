import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reply agents insert with one click; for one queue, or every queue when queue is null. */
@Entity('canned_responses')
export class CannedResponseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  title!: string;

  @Column('text')
  text!: string;

  @Column('text', { nullable: true })
  queue!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
