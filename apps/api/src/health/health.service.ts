import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { CONVERSATION_TASK_QUEUE } from '@baton/workflows';
import { API_CONFIG, type ApiConfig } from '../config';

export type ComponentStatus = { status: 'up' | 'down'; detail?: string };

export interface HealthReport {
  status: 'ok' | 'degraded';
  temporal: ComponentStatus;
  database: ComponentStatus;
  worker: ComponentStatus & { pollers?: number };
}

/** A worker that has not polled for this long is considered gone. */
const POLLER_STALE_MS = 90_000;
const CHECK_TIMEOUT_MS = 3000;

const withTimeout = <T>(promise: Promise<T>) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())]);

const down = (error: unknown): ComponentStatus => ({ status: 'down', detail: error instanceof Error ? error.message : String(error) });

@Injectable()
export class HealthService {
  constructor(
    private readonly db: DataSource,
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, [temporalStatus, worker]] = await Promise.all([this.database(), this.temporalAndWorker()]);
    const ok = [database, temporalStatus, worker].every((component) => component.status === 'up');
    return { status: ok ? 'ok' : 'degraded', temporal: temporalStatus, database, worker };
  }

  private async database(): Promise<ComponentStatus> {
    try {
      await withTimeout(this.db.query('SELECT 1'));
      return { status: 'up' };
    } catch (error) {
      return down(error);
    }
  }

  /** Temporal answers, and a worker has polled the conversation task queue recently. */
  private async temporalAndWorker(): Promise<[ComponentStatus, HealthReport['worker']]> {
    try {
      const response = await withTimeout(
        this.client.workflowService.describeTaskQueue({
          namespace: this.config.TEMPORAL_NAMESPACE,
          taskQueue: { name: CONVERSATION_TASK_QUEUE },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const now = Date.now();
      const pollers = (response.pollers ?? []).filter((poller) => {
        const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
        return now - seconds * 1000 < POLLER_STALE_MS;
      }).length;
      return [
        { status: 'up' },
        pollers > 0 ? { status: 'up', pollers } : { status: 'down', pollers, detail: `no worker polling ${CONVERSATION_TASK_QUEUE}` },
      ];
    } catch (error) {
      return [down(error), { status: 'down', detail: 'unknown while Temporal is unreachable' }];
    }
  }
}
