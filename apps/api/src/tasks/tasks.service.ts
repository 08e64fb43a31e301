import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AgentReply,
  type ClaimTask,
  ErrorCode,
  type ListTasksQuery,
  type ResolveTask,
  type TaskView,
} from '@baton/contracts';
import { TaskEntity } from '@baton/db';
import { ApiError } from '../common/api-error';
import { toTaskView } from '../conversations/conversation-views';
import { ConversationGateway } from '../temporal/conversation.gateway';

/** Human tasks: listed from the read model, changed only through their conversation's workflow. */
@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly gateway: ConversationGateway,
  ) {}

  async list({ status, queue, limit }: ListTasksQuery): Promise<TaskView[]> {
    const tasks = await this.db.getRepository(TaskEntity).find({
      where: { status, ...(queue ? { queue } : {}) },
      order: { priorityRank: 'ASC', createdAt: 'ASC' },
      take: limit,
    });
    return tasks.map(toTaskView);
  }

  async get(id: string): Promise<TaskView> {
    return toTaskView(await this.find(id));
  }

  async claim(id: string, { agentId }: ClaimTask) {
    const task = await this.findOpen(id);
    if (task.status === 'claimed' && task.claimedBy !== agentId) {
      throw new ApiError(409, ErrorCode.TaskAlreadyClaimed, `task ${id} is already claimed by another agent`);
    }
    return this.gateway.claim(task.workflowId, { taskId: id, agentId });
  }

  async reply(id: string, { agentId, text, idempotencyKey }: AgentReply) {
    const task = await this.findOpen(id);
    return this.gateway.reply(task.workflowId, { taskId: id, agentId, text }, idempotencyKey);
  }

  async resolve(id: string, { agentId, disposition, notes }: ResolveTask) {
    const task = await this.findOpen(id);
    return this.gateway.resolve(task.workflowId, { taskId: id, agentId, disposition, notes });
  }

  /** A task that can still be acted on; a resolved one answers 409 without reaching its workflow. */
  private async findOpen(id: string): Promise<TaskEntity> {
    const task = await this.find(id);
    if (task.status === 'resolved' || task.status === 'cancelled') {
      throw new ApiError(409, ErrorCode.TaskClosed, `task ${id} is ${task.status}`);
    }
    return task;
  }

  private async find(id: string): Promise<TaskEntity> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id });
    if (!task) throw new ApiError(404, ErrorCode.TaskNotFound, `no task ${id}`);
    return task;
  }
}
