import { ApplicationFailure, Context } from '@temporalio/activity';
import { createHmac } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { redactPii } from '@baton/nlu';
import { ActivityFailure, type DeliveryRequest } from '@baton/workflows';

/** Where messages on channels other than web chat go; each is optional. */
export interface DeliverySettings {
  /** sms, whatsapp and api messages are POSTed here, signed, for the business to relay. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** email messages go out over SMTP. */
  smtpUrl?: string;
  smtpFrom?: string;
  emailSubject?: string;
  timeoutMs?: number;
}

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs its webhooks. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const refuse = (message: string) => ApplicationFailure.create({ type: ActivityFailure.DeliveryRefused, message, nonRetryable: true });

const withoutPii = (text: string) => redactPii(text).text;

/**
 * The error with personal data taken out of its message, the same kind of failure otherwise.
 * SMTP servers and content filters echo addresses and message text back in their refusals, and a
 * failure's message (and the stack that repeats it) is logged by the worker and kept in the
 * workflow's history, which are no place for card numbers, emails or phone numbers.
 */
function redactedFailure(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const redacted = withoutPii(message);
  if (error instanceof Error && redacted === message) return error;
  if (error instanceof ApplicationFailure) return new ApplicationFailure(redacted, error.type, error.nonRetryable, error.details);
  // Retried like the original error; of it only its name is kept, as the failure's type.
  return ApplicationFailure.retryable(redacted, error instanceof Error ? error.name : 'Error');
}

/** Delivers messages to customers on their channel, recording every attempt (without personal data in its detail). */
export function createDeliveryActivities(db: DataSource, settings: DeliverySettings) {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  let mailer: Transporter | undefined;

  const recordAttempt = (request: DeliveryRequest, transport: string, status: 'sent' | 'delivered' | 'failed', detail: string | null) =>
    db.query(
      `INSERT INTO delivery_attempts (message_id, attempt, conversation_id, channel, transport, status, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (message_id, attempt) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, at = EXCLUDED.at`,
      // Redacted before it is cut, so that no half of a card number escapes the redaction.
      [request.messageId, Context.current().info.attempt, request.conversationId, request.channel, transport, status, detail === null ? null : withoutPii(detail).slice(0, 1000)],
    );

  const viaWebhook = async (request: DeliveryRequest) => {
    if (!settings.webhookUrl || !settings.webhookSecret) throw refuse(`no delivery webhook is configured for ${request.channel} messages`);
    const body = JSON.stringify({
      messageId: request.messageId,
      conversationId: request.conversationId,
      channel: request.channel,
      conversationKey: request.conversationKey,
      customerId: request.customerId,
      role: request.role,
      text: request.text,
    });
    const response = await fetch(settings.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-baton-signature': signWebhook(settings.webhookSecret, body, Math.floor(Date.now() / 1000)),
        'x-baton-delivery': request.messageId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return `HTTP ${response.status}`;
    const detail = `the webhook answered ${response.status}`;
    // 4xx other than 408 and 429 will not get better by retrying.
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw refuse(detail);
    throw new Error(detail);
  };

  const viaEmail = async (request: DeliveryRequest) => {
    if (!settings.smtpUrl || !settings.smtpFrom) throw refuse('no SMTP server is configured for email messages');
    const [contact] = (await db.query(`SELECT email FROM customer_contacts WHERE customer_id = $1`, [request.customerId])) as { email: string | null }[];
    if (!contact?.email) throw refuse(`customer ${request.customerId} has no email address on record`);
    mailer ??= createTransport(settings.smtpUrl);
    const info = await mailer.sendMail({
      from: settings.smtpFrom,
      to: contact.email,
      subject: settings.emailSubject ?? 'A message about your enquiry',
      text: request.text,
      messageId: `<${request.messageId}@baton>`,
      // The business's mail provider forwards replies to the inbound API with this thread key.
      headers: { 'X-Baton-Conversation': request.conversationKey },
    });
    return `accepted by SMTP: ${info.response}`;
  };

  return {
    async deliverMessage(request: DeliveryRequest): Promise<void> {
      const transport = request.channel === 'email' ? 'smtp' : 'webhook';
      try {
        const detail = transport === 'smtp' ? await viaEmail(request) : await viaWebhook(request);
        await recordAttempt(request, transport, transport === 'smtp' ? 'sent' : 'delivered', detail);
      } catch (error) {
        const failure = redactedFailure(error);
        await recordAttempt(request, transport, 'failed', failure.message);
        throw failure;
      }
    },
  };
}
