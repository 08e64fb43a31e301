import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AgentReply,
  type ClaimTask,
  type DeclineTask,
  ErrorCode,
  type ListTasksQuery,
  type ReleaseTask,
  type ResolveTask,
  type TaskView,
  type TransferTask,
} from '@baton/contracts';
import { TaskEntity } from '@baton/db';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { toTaskView } from '../conversations/conversation-views';
import { AgentsService } from '../routing/agents.service';
import { QueuesService } from '../routing/queues.service';
import { ConversationGateway } from '../temporal/conversation.gateway';
import { agentScope, scopeSees, seesEveryTask } from './task-access';

/**
 * Human tasks: read from the read model, changed only through their conversation's workflow,
 * whose update validators have the last word (one claim wins; an ineligible or full agent is
 * refused). The checks here answer early and clearly, and decide who may act for whom.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly gateway: ConversationGateway,
    private readonly agents: AgentsService,
    private readonly queues: QueuesService,
    private readonly audit: AuditService,
  ) {}

  async list({ status, queue, agent, limit }: ListTasksQuery, caller: Principal): Promise<TaskView[]> {
    const holder = agent === 'me' ? caller.id : agent;
    const everything = seesEveryTask(caller);
    if (holder && holder !== caller.id && !everything) throw new ApiError(403, ErrorCode.Forbidden, "only supervisors may list another agent's tasks");
    const query = this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('task')
      .where('task.status = :status', { status })
      .orderBy('task.priorityRank', 'ASC')
      .addOrderBy('task.createdAt', 'ASC');
    if (queue) query.andWhere('task.queue = :queue', { queue });
    if (holder) query.andWhere('(task.claimedBy = :holder OR task.reservedFor::text = :holder)', { holder });
    if (everything) return (await query.take(limit).getMany()).map(toTaskView);
    // Agents: filtered by the access rule; a page is read generously so the filter leaves enough.
    const scope = await agentScope(this.db, caller);
    const tasks = await query.take(Math.min(limit * 10, 2000)).getMany();
    return tasks.filter((task) => scopeSees(caller, scope, task)).slice(0, limit).map(toTaskView);
  }

  async get(id: string, caller: Principal): Promise<TaskView> {
    return toTaskView(await this.visible(id, caller));
  }

  async claim(id: string, { agentId }: ClaimTask, caller: Principal) {
    const claimant = this.actingFor(agentId, caller);
    const task = await this.findOpen(id);
    if (task.status === 'claimed') {
      if (task.claimedBy === claimant) return { taskId: id, status: task.status, claimedBy: claimant };
      throw new ApiError(409, ErrorCode.TaskAlreadyClaimed, `task ${id} is already claimed by another agent`);
    }
    const agent = await this.agents.snapshot(claimant, id);
    const result = await this.gateway.claim(task.workflowId, { taskId: id, agentId: claimant, agent }, task.changeId);
    await this.audit.record(caller, 'task.claimed', `task:${id}`, { agentId: claimant, queue: task.queue, conversationId: task.conversationId });
    return result;
  }

  async decline(id: string, { agentId }: DeclineTask, caller: Principal) {
    const agent = this.actingFor(agentId, caller);
    const task = await this.findOpen(id);
    const result = await this.gateway.decline(task.workflowId, { taskId: id, agentId: agent }, task.changeId);
    await this.audit.record(caller, 'task.declined', `task:${id}`, { agentId: agent, queue: task.queue });
    return result;
  }

  async reply(id: string, { text, idempotencyKey }: AgentReply, caller: Principal) {
    const task = await this.findOpen(id);
    return this.gateway.reply(task.workflowId, { taskId: id, agentId: caller.id, text }, idempotencyKey);
  }

  async transfer(id: string, { queue, toAgentId, note }: TransferTask, caller: Principal) {
    const task = await this.findOpen(id);
    if (queue !== undefined) await this.queues.find(queue);
    if (toAgentId !== undefined) await this.agents.get(toAgentId);
    const to = queue !== undefined ? { queue } : { agentId: toAgentId! };
    const result = await this.gateway.transfer(task.workflowId, { taskId: id, by: caller.id, to, note, supervisor: seesEveryTask(caller) }, task.changeId);
    await this.audit.record(caller, 'task.transferred', `task:${id}`, { from: task.queue, to, note });
    return result;
  }

  async release(id: string, { note }: ReleaseTask, caller: Principal) {
    const task = await this.findOpen(id);
    const result = await this.gateway.release(task.workflowId, { taskId: id, by: caller.id, ...(note ? { note } : {}), supervisor: seesEveryTask(caller) }, task.changeId);
    await this.audit.record(caller, 'task.released', `task:${id}`, { agentId: task.claimedBy, note: note ?? null });
    return result;
  }

  /** By the agent who holds the task; a supervisor resolves in the name of whoever holds it. */
  async resolve(id: string, { disposition, notes }: ResolveTask, caller: Principal) {
    const task = await this.findOpen(id);
    const agentId = seesEveryTask(caller) && task.claimedBy ? task.claimedBy : caller.id;
    const result = await this.gateway.resolve(task.workflowId, { taskId: id, agentId, disposition, ...(notes ? { notes } : {}) });
    await this.audit.record(caller, 'task.resolved', `task:${id}`, { agentId, disposition });
    return result;
  }

  /** Agents act for themselves; supervisors may name the agent (an assignment). */
  private actingFor(agentId: string | undefined, caller: Principal): string {
    if (agentId === undefined || agentId === caller.id) return caller.id;
    if (!seesEveryTask(caller)) throw new ApiError(403, ErrorCode.Forbidden, 'only supervisors may act for another agent');
    return agentId;
  }

  /** A task the caller may see: others' tasks are as good as absent (404), never confirmed. */
  private async visible(id: string, caller: Principal): Promise<TaskEntity> {
    const task = await this.find(id);
    if (!seesEveryTask(caller) && !scopeSees(caller, await agentScope(this.db, caller), task)) {
      throw new ApiError(404, ErrorCode.TaskNotFound, `no task ${id}`);
    }
    return task;
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
