import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A task an agent holds: offered (reserved) or claimed. Rows count against the agent's capacity. */
@Entity('agent_assignments')
export class AgentAssignmentEntity {
  @PrimaryColumn('uuid', { name: 'task_id' })
  taskId!: string;

  @Column('uuid', { name: 'agent_id' })
  agentId!: string;

  @Column('text')
  kind!: 'reserved' | 'claimed';

  @Column('timestamptz')
  since!: Date;
}
