import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutreachSkipReason } from '@baton/contracts';
import { envDuration } from '@baton/config';
import { CustomerContactEntity } from '../entities/customer-contact.entity';
import { OutreachEntity } from '../entities/outreach.entity';

/** The rules that protect customers from outreach, configured alike in the API and the worker. */
export const outreachPolicyConfig = {
  /** The daily window (customer's local time) when no first contact is sent. */
  OUTREACH_QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM-HH:MM, e.g. 21:00-08:00')
    .default('21:00-08:00')
    .transform((value) => ({ start: value.slice(0, 5), end: value.slice(6) })),
  /** The time zone of customers who have none on record. */
  OUTREACH_TIME_ZONE: z.string().min(1).default('UTC'),
  /** At most this many started per customer per OUTREACH_FREQUENCY_WINDOW, across all flows. */
  OUTREACH_FREQUENCY_CAP: z.string().regex(/^\d+$/, 'must be a number').transform(Number).prefault('3'),
  OUTREACH_FREQUENCY_WINDOW: envDuration('7d'),
  /** The same event (type and payload) for the same customer is sent once in this window. */
  OUTREACH_DEDUPE_WINDOW: envDuration('24h'),
};
export type OutreachPolicy = { [K in keyof typeof outreachPolicyConfig]: z.infer<(typeof outreachPolicyConfig)[K]> };

export interface OutreachRequest {
  type: string;
  customerId: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  channel: string;
  conversationKey?: string;
  timeZone?: string;
}

/** JSON with object keys sorted, so that equal payloads hash alike. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/** The published outreach flow whose start node listens for this event (by name when several do). */
export async function outreachFlowFor(db: DataSource, type: string): Promise<{ name: string; version: number } | null> {
  const rows: { name: string; version: number }[] = await db.query(
    `SELECT f.name, v.version FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
      WHERE f.kind = 'outreach' AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(v.content->'nodes') node
         WHERE node->>'type' = 'start' AND node->'config'->>'eventName' = $1)
      ORDER BY f.name LIMIT 1`,
    [type],
  );
  return rows[0] ?? null;
}

/** Whether stored consent allows `channel` for the event's topic (its first word): any false entry that matches withholds it. */
export const consents = (consent: Record<string, boolean>, channel: string, eventType: string): boolean => {
  const topic = eventType.split('.')[0]!;
  return [channel, topic, `${channel}:${topic}`].every((key) => consent[key] !== false);
};

const skipReason = async (em: EntityManager, request: OutreachRequest, payloadHash: string, contact: CustomerContactEntity | null, policy: OutreachPolicy): Promise<OutreachSkipReason | null> => {
  if (contact?.optedOutAt) return 'opted_out';
  if (contact && !consents(contact.consent ?? {}, request.channel, request.type)) return 'no_consent';
  const since = (ms: number) => new Date(Date.now() - ms);
  const [{ same }] = await em.query(
    `SELECT count(*)::int AS same FROM outreaches
      WHERE customer_id = $1 AND event_type = $2 AND payload_hash = $3 AND status = 'started' AND created_at > $4`,
    [request.customerId, request.type, payloadHash, since(policy.OUTREACH_DEDUPE_WINDOW)],
  );
  if (same > 0) return 'duplicate_event';
  const [{ recent }] = await em.query(`SELECT count(*)::int AS recent FROM outreaches WHERE customer_id = $1 AND status = 'started' AND created_at > $2`, [
    request.customerId,
    since(policy.OUTREACH_FREQUENCY_WINDOW),
  ]);
  return recent >= policy.OUTREACH_FREQUENCY_CAP ? 'frequency_cap' : null;
};

export interface Admission {
  row: OutreachEntity;
  /** The idempotency key had been seen: nothing new happened. */
  duplicate: boolean;
  /** The customer's time zone for quiet hours. */
  timeZone: string;
}

/**
 * Decides whether an outreach may start and records the decision: an opt-out is honoured, the
 * frequency cap holds across flows, the same event is sent once per window, one outreach per
 * idempotency key. Checks and record run in one transaction per customer, so two events cannot
 * both pass the cap. A `started` row still needs its conversation: see startOutreach.
 */
async function admitOutreach(db: DataSource, request: OutreachRequest, flow: { name: string; version: number }, policy: OutreachPolicy): Promise<Admission> {
  const payloadHash = createHash('sha256').update(canonical(request.payload)).digest('hex');
  return db.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outreach:${request.customerId}`]);
    const contact = await em.getRepository(CustomerContactEntity).findOneBy({ customerId: request.customerId });
    const timeZone = request.timeZone ?? contact?.timeZone ?? policy.OUTREACH_TIME_ZONE;
    const seen = await em.getRepository(OutreachEntity).findOneBy({ eventType: request.type, idempotencyKey: request.idempotencyKey });
    if (seen) return { row: seen, duplicate: true, timeZone };
    const reason = await skipReason(em, request, payloadHash, contact, policy);
    const row = em.getRepository(OutreachEntity).create({
      id: randomUUID(),
      eventType: request.type,
      idempotencyKey: request.idempotencyKey,
      customerId: request.customerId,
      payload: request.payload,
      payloadHash,
      channel: request.channel,
      conversationKey: request.conversationKey ?? `customer-${request.customerId}`,
      status: reason ? 'skipped' : 'started',
      reason,
      flowName: flow.name,
      flowVersion: flow.version,
      conversationId: null,
      createdAt: new Date(),
    });
    await em.save(row);
    return { row, duplicate: false, timeZone };
  });
}

/**
 * Admits an outreach and, when it may start, starts its conversation with `start` (which answers
 * the conversation id, or null when one is already running on the thread) and records the outcome.
 * When `start` fails, the admission is forgotten so that a retry starts it, and the error is thrown.
 */
export async function startOutreach(
  db: DataSource,
  request: OutreachRequest,
  flow: { name: string; version: number },
  policy: OutreachPolicy,
  start: (row: OutreachEntity, timeZone: string) => Promise<string | null>,
): Promise<Admission> {
  const admission = await admitOutreach(db, request, flow, policy);
  if (admission.duplicate || admission.row.status === 'skipped') return admission;
  let conversationId: string | null;
  try {
    conversationId = await start(admission.row, admission.timeZone);
  } catch (error) {
    await db.getRepository(OutreachEntity).delete({ id: admission.row.id });
    throw error;
  }
  const update = conversationId ? { conversationId } : { status: 'skipped' as const, reason: 'conversation_in_progress' };
  await db.getRepository(OutreachEntity).update({ id: admission.row.id }, update);
  return { ...admission, row: { ...admission.row, ...update } };
}
