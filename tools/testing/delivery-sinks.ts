import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/**
 * Stand-ins for the business's delivery endpoints, run by the test platform: a webhook receiver
 * that checks signatures and can be told to fail, and a real SMTP server. The tests read what
 * arrived over HTTP: GET /webhook/received, POST /webhook/fail?times=N, GET /smtp/mails.
 */
export interface DeliverySinks {
  webhookUrl: string;
  webhookSecret: string;
  smtpUrl: string;
  /** Where tests read what arrived. */
  inspectUrl: string;
  stop(): Promise<void>;
}

export interface ReceivedWebhook {
  body: Record<string, unknown>;
  signatureValid: boolean;
  deliveryId: string | null;
  /** Answered with a failure on purpose. */
  failed: boolean;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

const SECRET = 'e2e-webhook-secret-0123456789';

const validSignature = (header: string | undefined, body: string): boolean => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', SECRET).update(`${match[1]}.${body}`).digest();
  const age = Math.abs(Date.now() / 1000 - Number(match[1]));
  return age < 300 && timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
};

export async function startDeliverySinks(): Promise<DeliverySinks> {
  const webhooks: ReceivedWebhook[] = [];
  const mails: ReceivedMail[] = [];
  let failuresLeft = 0;

  const http: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://sink');
      const json = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (request.method === 'POST' && url.pathname === '/webhook') {
        const failed = failuresLeft > 0;
        if (failed) failuresLeft--;
        webhooks.push({
          body: JSON.parse(body),
          signatureValid: validSignature(request.headers['x-baton-signature'] as string | undefined, body),
          deliveryId: (request.headers['x-baton-delivery'] as string | undefined) ?? null,
          failed,
        });
        return json(failed ? 503 : 200, { ok: !failed });
      }
      if (request.method === 'POST' && url.pathname === '/webhook/fail') {
        failuresLeft = Number(url.searchParams.get('times') ?? '1');
        return json(200, { failuresLeft });
      }
      if (request.method === 'GET' && url.pathname === '/webhook/received') return json(200, webhooks);
      if (request.method === 'GET' && url.pathname === '/smtp/mails') return json(200, mails);
      json(404, { error: 'no such route' });
    });
  });
  const httpPort = await freePort();
  await new Promise<void>((resolve) => http.listen(httpPort, '127.0.0.1', resolve));

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  return {
    webhookUrl: `http://127.0.0.1:${httpPort}/webhook`,
    webhookSecret: SECRET,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inspectUrl: `http://127.0.0.1:${httpPort}`,
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
