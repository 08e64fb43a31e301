import type { DataSource, EntityManager } from 'typeorm';
import type { ConversationRecord, MessageRecord, OutcomeRecord, TaskRecord } from '@baton/workflows';
import { syncAssignment } from './routing.activities';

/** Inserts or advances a conversation's row; never moves it back to an older event. */
async function upsertConversation(db: EntityManager, record: ConversationRecord): Promise<void> {
  await db.query(
    `INSERT INTO conversations (id, workflow_id, channel, conversation_key, customer_id, stage, intent, decisions,
                                last_event_seq, created_at, updated_at, flow_name, flow_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage, intent = EXCLUDED.intent, decisions = EXCLUDED.decisions,
       flow_name = EXCLUDED.flow_name, flow_version = EXCLUDED.flow_version, last_event_seq = EXCLUDED.last_event_seq, updated_at = EXCLUDED.updated_at
     WHERE conversations.last_event_seq <= EXCLUDED.last_event_seq`,
    [
      record.id,
      record.workflowId,
      record.channel,
      record.conversationKey,
      record.customerId,
      record.stage,
      record.intent,
      JSON.stringify(record.decisions),
      record.eventSeq,
      record.createdAt,
      record.updatedAt,
      record.flowName,
      record.flowVersion,
    ],
  );
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/**
 * Writes the read models. Every write is idempotent: rows are keyed by ids the workflow chose,
 * and an update applies only when it carries the same or a newer event number, so a retried
 * activity or a replayed workflow never duplicates or rolls back a row.
 *
 * "The same" matters if a write ever comes from a workflow task attempt that later failed (as
 * local activities can): the next attempt may see updates in another order and write other
 * content under the same event number. The later write is the one the history keeps, so it wins.
 */
export function createReadModelActivities(db: DataSource) {
  return {
    async recordConversation(record: ConversationRecord): Promise<void> {
      await upsertConversation(db.manager, record);
    },

    async recordMessage(record: MessageRecord, conversation?: ConversationRecord): Promise<void> {
      await db.transaction(async (tx) => {
        if (conversation) await upsertConversation(tx, conversation);
        // A failed attempt may have put another message at this position or under this key.
        await tx.query(
          `DELETE FROM messages WHERE conversation_id = $2 AND id <> $1 AND (seq = $3 OR idempotency_key = $4)`,
          [record.id, record.conversationId, record.seq, record.idempotencyKey],
        );
        await tx.query(
          `INSERT INTO messages (id, conversation_id, seq, role, author, text, channel, conversation_key, idempotency_key,
                                 signals, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, role = EXCLUDED.role, author = EXCLUDED.author,
             text = EXCLUDED.text, idempotency_key = EXCLUDED.idempotency_key, signals = EXCLUDED.signals`,
          [
            record.id,
            record.conversationId,
            record.seq,
            record.role,
            record.author,
            record.text,
            record.channel,
            record.conversationKey,
            record.idempotencyKey,
            record.signals === null ? null : JSON.stringify(record.signals),
            record.createdAt,
          ],
        );
      });
    },

    async recordTask(record: TaskRecord): Promise<void> {
      await db.transaction(async (tx) => {
        const stored = await tx.query(
          `INSERT INTO tasks (id, conversation_id, workflow_id, queue, priority, priority_rank, status, reason, context,
                              claimed_by, disposition, notes, last_event_seq, created_at, updated_at, required_skills,
                              reserved_for, reservation_expires_at, sla, claimed_at, first_reply_at, resolved_at, history, customer_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, context = EXCLUDED.context,
             claimed_by = EXCLUDED.claimed_by, disposition = EXCLUDED.disposition, notes = EXCLUDED.notes,
             priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank, queue = EXCLUDED.queue,
             required_skills = EXCLUDED.required_skills, reserved_for = EXCLUDED.reserved_for,
             reservation_expires_at = EXCLUDED.reservation_expires_at, sla = EXCLUDED.sla, claimed_at = EXCLUDED.claimed_at,
             first_reply_at = EXCLUDED.first_reply_at, resolved_at = EXCLUDED.resolved_at, history = EXCLUDED.history,
             last_event_seq = EXCLUDED.last_event_seq, updated_at = EXCLUDED.updated_at, change_id = nextval('task_changes')
           WHERE tasks.last_event_seq <= EXCLUDED.last_event_seq
           RETURNING id`,
          [
            record.id,
            record.conversationId,
            record.workflowId,
            record.queue,
            record.priority,
            PRIORITY_RANK[record.priority],
            record.status,
            record.reason,
            JSON.stringify(record.context),
            record.claimedBy,
            record.disposition,
            record.notes,
            record.eventSeq,
            record.createdAt,
            record.updatedAt,
            record.requiredSkills,
            record.reservedFor,
            record.reservationExpiresAt,
            JSON.stringify(record.sla),
            record.claimedAt,
            record.firstReplyAt,
            record.resolvedAt,
            JSON.stringify(record.history),
            record.customerId,
          ],
        );
        // Only the write that counts moves the agent's hold (an older, retried one changes nothing).
        if (stored.length > 0) await syncAssignment(tx, record);
      });
    },

    async recordOptOut({ customerId, reason, at }: { customerId: string; reason: string; at: string }): Promise<void> {
      await db.query(
        `INSERT INTO customer_contacts (customer_id, opted_out_at, opt_out_reason, updated_at) VALUES ($1, $2, $3, $2)
         ON CONFLICT (customer_id) DO UPDATE SET opted_out_at = COALESCE(customer_contacts.opted_out_at, EXCLUDED.opted_out_at),
           opt_out_reason = COALESCE(customer_contacts.opt_out_reason, EXCLUDED.opt_out_reason), updated_at = EXCLUDED.updated_at`,
        [customerId, at, reason],
      );
    },

    async recordOutcome(record: OutcomeRecord): Promise<void> {
      await db.query(
        `INSERT INTO outcomes (conversation_id, resolution, escalated, disposition, csat, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (conversation_id) DO UPDATE SET resolution = EXCLUDED.resolution, escalated = EXCLUDED.escalated,
           disposition = EXCLUDED.disposition, csat = EXCLUDED.csat, closed_at = EXCLUDED.closed_at`,
        [record.conversationId, record.resolution, record.escalated, record.disposition, record.csat, record.closedAt],
      );
    },
  };
}
