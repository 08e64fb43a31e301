import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { type CannedResponseInput, type CannedResponseView, ErrorCode } from '@baton/contracts';
import { CannedResponseEntity } from '@baton/db';
import { ApiError } from '../common/api-error';

const view = (row: CannedResponseEntity): CannedResponseView => ({
  id: row.id,
  title: row.title,
  text: row.text,
  queue: row.queue,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const notFound = (id: string) => new ApiError(404, ErrorCode.CannedResponseNotFound, `no canned response ${id}`);

/** Replies agents insert with one click: for one queue, or for every queue (queue null). */
@Injectable()
export class CannedResponsesService {
  constructor(private readonly db: DataSource) {}

  /** Those for `queue` and those for every queue, the queue's own first; without a queue, all of them. */
  async list(queue: string | undefined): Promise<CannedResponseView[]> {
    const query = this.db.getRepository(CannedResponseEntity).createQueryBuilder('c');
    if (queue !== undefined) query.where('c.queue = :queue OR c.queue IS NULL', { queue });
    const rows = await query.orderBy('c.queue IS NULL').addOrderBy('c.queue').addOrderBy('c.title').addOrderBy('c.id').getMany();
    return rows.map(view);
  }

  async create(input: CannedResponseInput): Promise<CannedResponseView> {
    const now = new Date();
    const row: CannedResponseEntity = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    await this.db.getRepository(CannedResponseEntity).insert(row);
    return view(row);
  }

  /** Replaces the title, text and queue. */
  async update(id: string, input: CannedResponseInput): Promise<CannedResponseView> {
    const repository = this.db.getRepository(CannedResponseEntity);
    const result = await repository.update({ id }, { ...input, updatedAt: new Date() });
    if (!result.affected) throw notFound(id);
    return view(await repository.findOneByOrFail({ id }));
  }

  async remove(id: string): Promise<void> {
    const result = await this.db.getRepository(CannedResponseEntity).delete({ id });
    if (!result.affected) throw notFound(id);
  }
}
