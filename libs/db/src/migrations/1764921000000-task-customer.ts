import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer on each task, so desks list who is waiting without reading every conversation. */
export class TaskCustomer1764921000000 implements MigrationInterface {
  name = 'TaskCustomer1764921000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN customer_id text`);
    await db.query(`UPDATE tasks SET customer_id = c.customer_id FROM conversations c WHERE c.id = tasks.conversation_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks DROP COLUMN customer_id`);
  }
}
