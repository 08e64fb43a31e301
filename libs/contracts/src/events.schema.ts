import { z } from 'zod';
import { channelSchema } from './inbound-message.schema';
import { externalId } from './text';

/** Largest event payload accepted, as JSON text. */
export const MAX_EVENT_PAYLOAD_BYTES = 16_384;

/** A business event name: dotted lower-case words, e.g. `shipment.delayed`. */
export const eventType = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must be dotted lower-case words, like shipment.delayed');

export const timeZone = z
  .string()
  .max(64, 'must be at most 64 characters')
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');

/** POST /events: something happened in the business's systems that the customer should hear about. */
export const outreachEventSchema = z.strictObject({
  type: eventType,
  customerId: externalId,
  /** The same key twice starts one outreach. */
  idempotencyKey: externalId,
  /** Values the outreach flow's messages use (`event.<name>`). */
  payload: z
    .record(z.string(), z.json())
    .default({})
    .refine((payload) => JSON.stringify(payload).length <= MAX_EVENT_PAYLOAD_BYTES, `must be at most ${MAX_EVENT_PAYLOAD_BYTES} bytes as JSON`),
  channel: channelSchema.default('web'),
  /** The thread the customer reads (for web chat, the key the site opens the chat with); default `customer-<customerId>`. */
  conversationKey: externalId.optional(),
  /** The customer's time zone, for quiet hours; the stored preference or the platform's default otherwise. */
  timeZone: timeZone.optional(),
});
export type OutreachEvent = z.infer<typeof outreachEventSchema>;

export const OUTREACH_SKIP_REASONS = ['opted_out', 'no_consent', 'frequency_cap', 'duplicate_event', 'conversation_in_progress'] as const;
export type OutreachSkipReason = (typeof OUTREACH_SKIP_REASONS)[number];

export interface OutreachAccepted {
  outreachId: string;
  status: 'started' | 'skipped';
  /** Why nothing was sent, when skipped. */
  reason: OutreachSkipReason | null;
  /** The conversation the outreach runs in, when started. */
  conversationId: string | null;
  flow: { name: string; version: number } | null;
  /** True when this idempotency key had been delivered before; nothing new happened. */
  duplicate: boolean;
}

export const contactPreferencesSchema = z.strictObject({
  /** Where email-channel messages go. */
  email: z.email('must be an email address').max(254, 'must be at most 254 characters').nullable().optional(),
  timeZone: timeZone.nullable().optional(),
  /** false records an opt-out of all outreach; true withdraws it. */
  outreach: z.boolean().optional(),
  /**
   * Consent per channel, topic, or both: keys `<channel>` (`sms`), `<topic>` (an event type's first
   * word: `payment` for `payment.due`) or `<channel>:<topic>`; false withholds consent, true gives it,
   * null forgets the entry. Merged into what is stored.
   */
  consent: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$/, 'keys are a channel, a topic or channel:topic'),
      z.boolean().nullable(),
    )
    .refine((consent) => Object.keys(consent).length <= 50, 'at most 50 entries')
    .optional(),
});
export type ContactPreferences = z.infer<typeof contactPreferencesSchema>;

export interface ContactPreferencesView {
  customerId: string;
  email: string | null;
  timeZone: string | null;
  consent: Record<string, boolean>;
  optedOut: boolean;
  optedOutAt: string | null;
  optOutReason: string | null;
}
