import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ContactPreferences,
  type ContactPreferencesView,
  ErrorCode,
  type OutreachAccepted,
  type OutreachEvent,
  type OutreachSkipReason,
} from '@baton/contracts';
import { CustomerContactEntity, OutreachEntity } from '@baton/db';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { ConversationGateway } from '../temporal/conversation.gateway';

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

const accepted = (row: OutreachEntity, duplicate: boolean): OutreachAccepted => ({
  outreachId: row.id,
  status: row.status,
  reason: row.reason as OutreachSkipReason | null,
  conversationId: row.conversationId,
  flow: row.flowName === null || row.flowVersion === null ? null : { name: row.flowName, version: row.flowVersion },
  duplicate,
});

/**
 * Turns business events into outreach conversations, respecting the customer: an opt-out is
 * honoured, a frequency cap holds across all flows, the same event is sent once per window, and
 * quiet hours (in the workflow) hold the first message until morning in the customer's time zone.
 */
@Injectable()
export class OutreachService {
  constructor(
    private readonly db: DataSource,
    private readonly gateway: ConversationGateway,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async receive(event: OutreachEvent): Promise<OutreachAccepted> {
    const existing = await this.db.getRepository(OutreachEntity).findOneBy({ eventType: event.type, idempotencyKey: event.idempotencyKey });
    if (existing) return accepted(existing, true);
    const flow = await this.flowFor(event.type);
    const conversationKey = event.conversationKey ?? `customer-${event.customerId}`;
    const payloadHash = createHash('sha256').update(canonical(event.payload)).digest('hex');

    // Checks and the record in one transaction per customer, so two events cannot both pass the cap.
    const { row, contact, duplicate } = await this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outreach:${event.customerId}`]);
      const raced = await em.getRepository(OutreachEntity).findOneBy({ eventType: event.type, idempotencyKey: event.idempotencyKey });
      const contact = await em.getRepository(CustomerContactEntity).findOneBy({ customerId: event.customerId });
      if (raced) return { row: raced, contact, duplicate: true };
      const reason = await this.skipReason(em, event, payloadHash, contact);
      const row = em.getRepository(OutreachEntity).create({
        id: randomUUID(),
        eventType: event.type,
        idempotencyKey: event.idempotencyKey,
        customerId: event.customerId,
        payload: event.payload,
        payloadHash,
        channel: event.channel,
        conversationKey,
        status: reason ? 'skipped' : 'started',
        reason,
        flowName: flow.name,
        flowVersion: flow.version,
        conversationId: null,
        createdAt: new Date(),
      });
      await em.save(row);
      return { row, contact, duplicate: false };
    });
    if (duplicate || row.status === 'skipped') return accepted(row, duplicate);

    let conversationId: string | null;
    try {
      conversationId = await this.gateway.startOutreach({ channel: event.channel, conversationKey, customerId: event.customerId }, flow.name, {
        outreachId: row.id,
        eventType: event.type,
        payload: event.payload,
        timeZone: event.timeZone ?? contact?.timeZone ?? this.config.OUTREACH_TIME_ZONE,
        quietHours: this.config.OUTREACH_QUIET_HOURS,
      });
    } catch (error) {
      // Nothing was started: forget the event so that the sender's retry starts it.
      await this.db.getRepository(OutreachEntity).delete({ id: row.id });
      throw error;
    }
    const update = conversationId ? { conversationId } : { status: 'skipped' as const, reason: 'conversation_in_progress' };
    await this.db.getRepository(OutreachEntity).update({ id: row.id }, update);
    return accepted({ ...row, ...update }, false);
  }

  async preferences(customerId: string): Promise<ContactPreferencesView> {
    const contact = await this.db.getRepository(CustomerContactEntity).findOneBy({ customerId });
    return {
      customerId,
      email: contact?.email ?? null,
      timeZone: contact?.timeZone ?? null,
      optedOut: Boolean(contact?.optedOutAt),
      optedOutAt: contact?.optedOutAt?.toISOString() ?? null,
      optOutReason: contact?.optOutReason ?? null,
    };
  }

  async setPreferences(customerId: string, change: ContactPreferences): Promise<ContactPreferencesView> {
    const repository = this.db.getRepository(CustomerContactEntity);
    const contact = (await repository.findOneBy({ customerId })) ?? repository.create({ customerId, email: null, timeZone: null, optedOutAt: null, optOutReason: null });
    if (change.email !== undefined) contact.email = change.email;
    if (change.timeZone !== undefined) contact.timeZone = change.timeZone;
    if (change.outreach === false && !contact.optedOutAt) Object.assign(contact, { optedOutAt: new Date(), optOutReason: 'preference set over the API' });
    if (change.outreach === true) Object.assign(contact, { optedOutAt: null, optOutReason: null });
    contact.updatedAt = new Date();
    await repository.save(contact);
    return this.preferences(customerId);
  }

  private async skipReason(em: EntityManager, event: OutreachEvent, payloadHash: string, contact: CustomerContactEntity | null): Promise<OutreachSkipReason | null> {
    if (contact?.optedOutAt) return 'opted_out';
    const since = (ms: number) => new Date(Date.now() - ms);
    const [{ same }] = await em.query(
      `SELECT count(*)::int AS same FROM outreaches
        WHERE customer_id = $1 AND event_type = $2 AND payload_hash = $3 AND status = 'started' AND created_at > $4`,
      [event.customerId, event.type, payloadHash, since(this.config.OUTREACH_DEDUPE_WINDOW)],
    );
    if (same > 0) return 'duplicate_event';
    const [{ recent }] = await em.query(
      `SELECT count(*)::int AS recent FROM outreaches WHERE customer_id = $1 AND status = 'started' AND created_at > $2`,
      [event.customerId, since(this.config.OUTREACH_FREQUENCY_WINDOW)],
    );
    return recent >= this.config.OUTREACH_FREQUENCY_CAP ? 'frequency_cap' : null;
  }

  /** The published outreach flow whose start node listens for this event (by name when several do). */
  private async flowFor(type: string): Promise<{ name: string; version: number }> {
    const rows: { name: string; version: number }[] = await this.db.query(
      `SELECT f.name, v.version FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
        WHERE f.kind = 'outreach' AND EXISTS (
          SELECT 1 FROM jsonb_array_elements(v.content->'nodes') node
           WHERE node->>'type' = 'start' AND node->'config'->>'eventName' = $1)
        ORDER BY f.name LIMIT 1`,
      [type],
    );
    if (!rows[0]) {
      const message = `no published outreach flow starts on "${type}"`;
      throw new ApiError(422, ErrorCode.NoOutreachFlow, message, { details: [{ code: ErrorCode.NoOutreachFlow, field: 'type', message }] });
    }
    return rows[0];
  }
}
