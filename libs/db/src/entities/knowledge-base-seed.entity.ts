import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A knowledge base that was seeded from the shipped files once; it is never seeded again. */
@Entity('knowledge_base_seeds')
export class KnowledgeBaseSeedEntity {
  @PrimaryColumn('text', { name: 'knowledge_base' })
  knowledgeBase!: string;

  /** The file the articles came from, relative to the knowledge directory. */
  @Column('text')
  source!: string;

  /** Articles inserted; 0 when the knowledge base already had articles and was left alone. */
  @Column('integer', { name: 'article_count' })
  articleCount!: number;

  @Column('timestamptz', { name: 'seeded_at' })
  seededAt!: Date;
}
