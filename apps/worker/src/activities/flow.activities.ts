import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { ActivityFailure, type PinnedFlow } from '@baton/workflows';

/** Reads published flow versions for workflows to pin. */
export function createFlowActivities(db: DataSource) {
  return {
    async loadFlow({ name, kind }: { name: string; kind: 'conversation' | 'outreach' }): Promise<PinnedFlow> {
      const rows: { kind: string; version: number; content_hash: string; content: Record<string, unknown> }[] = await db.query(
        `SELECT f.kind, v.version, v.content_hash, v.content
           FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
          WHERE f.name = $1`,
        [name],
      );
      const [row] = rows;
      if (!row) {
        throw ApplicationFailure.create({ type: ActivityFailure.FlowNotPublished, message: `no published flow is named "${name}"`, nonRetryable: true });
      }
      if (row.kind !== kind) {
        throw ApplicationFailure.create({ type: ActivityFailure.FlowNotPublished, message: `flow "${name}" is a ${row.kind} flow, not a ${kind} flow`, nonRetryable: true });
      }
      return { name, version: row.version, contentHash: row.content_hash, content: row.content };
    },
  };
}
