import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { DeliveryRequest } from '@baton/workflows';
import { createDeliveryActivities, signWebhook } from './delivery.activities';

describe('signWebhook', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as receivers check it', () => {
    const body = '{"text":"hi"}';
    const expected = createHmac('sha256', 'secret-0123456789ab').update(`1764860000.${body}`).digest('hex');
    expect(signWebhook('secret-0123456789ab', body, 1764860000)).toBe(`t=1764860000,v1=${expected}`);
  });

  it('changes with the body, the time and the secret', () => {
    const base = signWebhook('secret-0123456789ab', 'a', 1);
    expect(signWebhook('secret-0123456789ab', 'b', 1)).not.toBe(base);
    expect(signWebhook('secret-0123456789ab', 'a', 2)).not.toBe(base);
    expect(signWebhook('other-secret-0123456', 'a', 1)).not.toBe(base);
  });
});

describe('deliverMessage keeps personal data out of delivery attempts and failures', () => {
  const CARD = '4111 1111 1111 1111';
  const EMAIL = 'ana.lopez@example.com';
  const PHONE = '+44 7700 900123';
  const text = `Thanks Ana, we have your card ${CARD}, email ${EMAIL} and phone ${PHONE} on file.`;
  const leaks = (value: string) => [CARD, EMAIL, PHONE, '4111111111111111'].filter((pii) => value.includes(pii));

  let smtp: SMTPServer;
  let smtpUrl: string;
  const stored: { status: string; detail: string | null }[] = [];
  /** Stands in for PostgreSQL: the customer's address, and every delivery attempt as stored. */
  const db = {
    async query(sql: string, params: unknown[]) {
      if (sql.includes('FROM customer_contacts')) return params[0] === 'ana' ? [{ email: EMAIL }] : [];
      stored.push({ status: params[5] as string, detail: params[6] as string | null });
      return [];
    },
  } as unknown as DataSource;
  const request = (customerId: string): DeliveryRequest => ({
    messageId: 'm-1',
    conversationId: 'c-1',
    channel: 'email',
    conversationKey: 'k-1',
    customerId,
    role: 'ai',
    text,
  });
  /** What the worker's logger writes while the activity runs (it logs every activity failure). */
  const logged: string[] = [];
  const logger = new DefaultLogger('DEBUG', (entry: LogEntry) => logged.push(`${entry.message} ${JSON.stringify(entry.meta ?? {}, (_key, value: unknown) => (value instanceof Error ? `${value.message} ${value.stack}` : value))}`));
  const deliver = (customerId: string) =>
    new MockActivityEnvironment({}, { logger }).run(createDeliveryActivities(db, { smtpUrl, smtpFrom: 'support@shop.example' }).deliverMessage, request(customerId));

  beforeAll(async () => {
    // A content filter that quotes what it refuses, address and text, as real ones do.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        stream.on('end', () => {
          // Quoted as read: with quoted-printable line breaks undone.
          const quoted = body.split(/\r?\n\r?\n/).slice(1).join(' ').replace(/=\r?\n/g, '').replace(/\s+/g, ' ').slice(0, 200);
          callback(Object.assign(new Error(`Message to <${session.envelope.rcptTo[0]?.address}> refused by content filter: "${quoted}"`), { responseCode: 554 }));
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  beforeEach(() => {
    stored.length = 0;
    logged.length = 0;
  });

  it('stores the failure detail and throws the failure with the card, email and phone redacted', async () => {
    const failure = await deliver('ana').then(
      () => null,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure!.message).toMatch(/content filter/);
    expect(failure!.message).toContain('[card]');
    expect(leaks(failure!.message)).toEqual([]);
    expect(leaks(failure!.stack ?? '')).toEqual([]);
    expect((failure as ApplicationFailure).nonRetryable).toBeFalsy();
    expect(stored).toEqual([{ status: 'failed', detail: failure!.message }]);
    expect(leaks(stored[0]!.detail!)).toEqual([]);
    expect(logged.join('\n')).toContain('[card]');
    expect(leaks(logged.join('\n'))).toEqual([]);
  });

  it('keeps a refusal a non-retryable DeliveryRefused failure when it redacts it', async () => {
    const failure = (await deliver(EMAIL).catch((error: unknown) => error)) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'DeliveryRefused', nonRetryable: true, message: 'customer [email] has no email address on record' });
    expect(stored).toEqual([{ status: 'failed', detail: 'customer [email] has no email address on record' }]);
  });
});
