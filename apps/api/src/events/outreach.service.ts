import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type ContactPreferences,
  type ContactPreferencesView,
  ErrorCode,
  type OutreachAccepted,
  type OutreachEvent,
  type OutreachSkipReason,
} from '@baton/contracts';
import { CustomerContactEntity, OutreachEntity, outreachFlowFor, startOutreach } from '@baton/db';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { ConversationGateway } from '../temporal/conversation.gateway';

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
    const flow = await outreachFlowFor(this.db, event.type);
    if (!flow) {
      const message = `no published outreach flow starts on "${event.type}"`;
      throw new ApiError(422, ErrorCode.NoOutreachFlow, message, { details: [{ code: ErrorCode.NoOutreachFlow, field: 'type', message }] });
    }
    const { row, duplicate } = await startOutreach(this.db, event, flow, this.config, (admitted, timeZone) =>
      this.gateway.startOutreach({ channel: event.channel, conversationKey: admitted.conversationKey, customerId: event.customerId }, flow.name, {
        outreachId: admitted.id,
        eventType: event.type,
        payload: event.payload,
        timeZone,
        quietHours: this.config.OUTREACH_QUIET_HOURS,
      }),
    );
    return accepted(row, duplicate);
  }

  async preferences(customerId: string): Promise<ContactPreferencesView> {
    const contact = await this.db.getRepository(CustomerContactEntity).findOneBy({ customerId });
    return {
      customerId,
      email: contact?.email ?? null,
      timeZone: contact?.timeZone ?? null,
      consent: contact?.consent ?? {},
      optedOut: Boolean(contact?.optedOutAt),
      optedOutAt: contact?.optedOutAt?.toISOString() ?? null,
      optOutReason: contact?.optOutReason ?? null,
    };
  }

  async setPreferences(customerId: string, change: ContactPreferences): Promise<ContactPreferencesView> {
    const repository = this.db.getRepository(CustomerContactEntity);
    const contact = (await repository.findOneBy({ customerId })) ?? repository.create({ customerId, email: null, timeZone: null, consent: {}, optedOutAt: null, optOutReason: null });
    if (change.consent !== undefined) {
      const consent = { ...contact.consent };
      for (const [key, value] of Object.entries(change.consent)) {
        if (value === null) delete consent[key];
        else consent[key] = value;
      }
      contact.consent = consent;
    }
    if (change.email !== undefined) contact.email = change.email;
    if (change.timeZone !== undefined) contact.timeZone = change.timeZone;
    if (change.outreach === false && !contact.optedOutAt) Object.assign(contact, { optedOutAt: new Date(), optOutReason: 'preference set over the API' });
    if (change.outreach === true) Object.assign(contact, { optedOutAt: null, optOutReason: null });
    contact.updatedAt = new Date();
    await repository.save(contact);
    return this.preferences(customerId);
  }
}
