import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel, InboundMessage, InboundMessageAccepted } from '@baton/contracts';
import {
  agentReplyUpdate,
  claimTaskUpdate,
  CONVERSATION_TASK_QUEUE,
  conversationWorkflow,
  conversationWorkflowId,
  declineTaskUpdate,
  releaseTaskUpdate,
  resolveTaskUpdate,
  receiveMessageUpdate,
  transferTaskUpdate,
  UpdateRejection,
  type AgentReplyInput,
  type ClaimTaskInput,
  type DeclineTaskInput,
  type ReleaseTaskInput,
  type TransferTaskInput,
  type OutreachOpening,
  outreachStartOptions,
  type ResolveTaskInput,
} from '@baton/workflows';
import { API_CONFIG, type ApiConfig } from '../config';
import { toApiError, updateRejection } from './temporal-errors';

/** Attempts to reach a conversation's next run while its previous run is closing. */
const CLOSED_RETRIES = 20;

/** The API's only way into conversation workflows: typed updates, errors mapped to API errors. */
@Injectable()
export class ConversationGateway {
  constructor(
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * Delivers a customer message to its conversation, starting the conversation if none is
   * running (update-with-start). The workflow recognises an idempotency key it has seen and
   * answers with the first message's id and duplicate: true.
   */
  async deliver(message: InboundMessage): Promise<InboundMessageAccepted> {
    const workflowId = conversationWorkflowId(message.channel, message.conversationKey);
    for (let attempt = 1; ; attempt++) {
      const startWorkflowOperation = new WithStartWorkflowOperation(conversationWorkflow, {
        workflowId,
        taskQueue: CONVERSATION_TASK_QUEUE,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            channel: message.channel,
            conversationKey: message.conversationKey,
            customerId: message.customerId,
            settings: {
              flowName: message.flow ?? this.config.CONVERSATION_FLOW,
              maxHistoryEvents: this.config.MAX_HISTORY_EVENTS,
              offerRetrySeconds: this.config.ROUTING_RETRY_SECONDS,
            },
          },
        ],
      });
      try {
        return await this.client.workflow.executeUpdateWithStart(receiveMessageUpdate, {
          startWorkflowOperation,
          args: [{ customerId: message.customerId, text: message.text, idempotencyKey: message.idempotencyKey }],
        });
      } catch (error) {
        // The previous conversation on this thread is finishing; the next attempt starts a new one.
        if (updateRejection(error) === UpdateRejection.ConversationClosed && attempt < CLOSED_RETRIES) {
          await sleep(100 * attempt);
          continue;
        }
        throw toApiError(error);
      }
    }
  }

  /**
   * Starts a conversation in which the business speaks first, running an outreach flow. Answers
   * the conversation id, or null when a conversation is already running on that thread.
   */
  async startOutreach(thread: { channel: Channel; conversationKey: string; customerId: string }, flowName: string, opening: OutreachOpening): Promise<string | null> {
    try {
      const handle = await this.client.workflow.start(conversationWorkflow, outreachStartOptions(thread, flowName, opening, this.config.MAX_HISTORY_EVENTS));
      return handle.firstExecutionRunId;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return null;
      throw toApiError(error);
    }
  }

  /**
   * Task updates carry the task's change number in their update id: a retried request finds its
   * first answer, while the same agent claiming again after a release is a new update.
   */
  claim(workflowId: string, input: ClaimTaskInput, change: string) {
    return this.update(workflowId, claimTaskUpdate, input, `claim:${input.taskId}:${input.agentId}:${change}`);
  }

  decline(workflowId: string, input: DeclineTaskInput, change: string) {
    return this.update(workflowId, declineTaskUpdate, input, `decline:${input.taskId}:${input.agentId}:${change}`);
  }

  transfer(workflowId: string, input: TransferTaskInput, change: string) {
    return this.update(workflowId, transferTaskUpdate, input, `transfer:${input.taskId}:${change}`);
  }

  release(workflowId: string, input: ReleaseTaskInput, change: string) {
    return this.update(workflowId, releaseTaskUpdate, input, `release:${input.taskId}:${change}`);
  }

  reply(workflowId: string, input: AgentReplyInput, idempotencyKey?: string) {
    return this.update(workflowId, agentReplyUpdate, input, idempotencyKey && `reply:${input.taskId}:${idempotencyKey}`);
  }

  resolve(workflowId: string, input: ResolveTaskInput) {
    return this.update(workflowId, resolveTaskUpdate, input, `resolve:${input.taskId}`);
  }

  private async update<Ret, Arg>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId?: string,
  ): Promise<Ret> {
    try {
      return await this.client.workflow.getHandle(workflowId).executeUpdate(definition, { args: [arg], updateId });
    } catch (error) {
      throw toApiError(error);
    }
  }
}
