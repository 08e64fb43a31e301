import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode, isOpenAt, type QueueSettings, type QueueView } from '@baton/contracts';
import { QueueEntity } from '@baton/db';
import { ApiError } from '../common/api-error';

const toView = (queue: QueueEntity, at: Date): QueueView => ({
  name: queue.name,
  title: queue.title,
  mode: queue.mode,
  requiredSkills: queue.requiredSkills,
  priority: queue.priority,
  sla: queue.sla,
  reservationSeconds: queue.reservationSeconds,
  businessHours: queue.businessHours,
  openNow: isOpenAt(queue.businessHours, at),
  createdAt: queue.createdAt.toISOString(),
  updatedAt: queue.updatedAt.toISOString(),
});

/** Queues that escalate nodes name. A task entering a queue takes the settings it has then. */
@Injectable()
export class QueuesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<QueueView[]> {
    const queues = await this.db.getRepository(QueueEntity).find({ order: { priority: 'DESC', name: 'ASC' } });
    const now = new Date();
    return queues.map((queue) => toView(queue, now));
  }

  async get(name: string): Promise<QueueView> {
    return toView(await this.find(name), new Date());
  }

  async find(name: string): Promise<QueueEntity> {
    const queue = await this.db.getRepository(QueueEntity).findOneBy({ name });
    if (!queue) throw new ApiError(404, ErrorCode.QueueNotFound, `no queue is named ${name}`);
    return queue;
  }

  /** Creates or replaces a queue's settings; answers whether it was created. */
  async put(name: string, settings: QueueSettings): Promise<{ created: boolean; queue: QueueView }> {
    const [row] = await this.db.query(
      `INSERT INTO queues (name, title, mode, required_skills, priority, sla, reservation_seconds, business_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (name) DO UPDATE SET title = EXCLUDED.title, mode = EXCLUDED.mode, required_skills = EXCLUDED.required_skills,
         priority = EXCLUDED.priority, sla = EXCLUDED.sla, reservation_seconds = EXCLUDED.reservation_seconds,
         business_hours = EXCLUDED.business_hours, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [
        name,
        settings.title,
        settings.mode,
        [...new Set(settings.requiredSkills)],
        settings.priority,
        JSON.stringify(settings.sla),
        settings.reservationSeconds,
        settings.businessHours === null ? null : JSON.stringify(settings.businessHours),
      ],
    );
    return { created: row.created, queue: await this.get(name) };
  }

  /** Removes a queue nobody is waiting in; tasks that name it later are pulled with no settings. */
  async remove(name: string): Promise<void> {
    await this.find(name);
    const [{ waiting }] = await this.db.query(`SELECT count(*)::int AS waiting FROM tasks WHERE queue = $1 AND status IN ('open', 'claimed')`, [name]);
    if (waiting > 0) throw new ApiError(409, ErrorCode.QueueInUse, `queue ${name} still has ${waiting} open or claimed tasks; transfer them first`);
    await this.db.query(`DELETE FROM queues WHERE name = $1`, [name]);
  }
}
