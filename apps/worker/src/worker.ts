import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CAMPAIGN_TASK_QUEUE, CONVERSATION_TASK_QUEUE, ECHO_TASK_QUEUE } from '@baton/workflows';
import { createDataSource } from '@baton/db';
import { createActivities } from './activities';
import { bundleWorkflows } from './bundle';
import { actionSecrets, type WorkerConfig } from './config';

export interface RunningWorkers {
  run(): Promise<void>;
  shutdown(): void;
}

/** Connects to Temporal and PostgreSQL and creates the conversation and echo workers. */
export async function createWorkers(config: WorkerConfig): Promise<RunningWorkers> {
  const db = createDataSource({ url: config.DATABASE_URL, poolSize: 8, applicationName: 'baton-worker' });
  await db.initialize();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // Campaign runs start outreach conversations through a client of their own.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const workflowBundle = config.WORKFLOW_BUNDLE ? { codePath: config.WORKFLOW_BUNDLE } : await bundleWorkflows();
  const actions = {
    connections: { store: config.DEMO_STORE_URL, ...config.ACTION_CONNECTIONS },
    secrets: actionSecrets(process.env, config),
  };
  const activities = createActivities({
    db,
    actions,
    campaigns: { db, client, actions, policy: config, maxHistoryEvents: config.MAX_HISTORY_EVENTS },
    delivery: {
      webhookUrl: config.DELIVERY_WEBHOOK_URL,
      webhookSecret: config.DELIVERY_WEBHOOK_SECRET,
      smtpUrl: config.SMTP_URL,
      smtpFrom: config.SMTP_FROM,
    },
  });
  const workers = await Promise.all(
    [CONVERSATION_TASK_QUEUE, CAMPAIGN_TASK_QUEUE, ECHO_TASK_QUEUE].map((taskQueue) =>
      Worker.create({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue, workflowBundle, activities, maxCachedWorkflows: config.WORKFLOW_CACHE_SIZE }),
    ),
  );
  return {
    async run() {
      try {
        await Promise.all(workers.map((worker) => worker.run()));
      } finally {
        await connection.close();
        await clientConnection.close();
        await db.destroy();
      }
    },
    shutdown() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}
