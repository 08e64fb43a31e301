import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/**
 * Stand-ins for the business's endpoints, run by the test platform: a webhook receiver that checks
 * signatures and can be told to fail, a real SMTP server, and a campaign audience. The tests read
 * what arrived and set the audience over HTTP: GET /webhook/received, POST /webhook/fail?times=N,
 * GET /smtp/mails, PUT /audience (the members), GET /audience?cursor=&limit= (what the worker reads).
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
  let audience: unknown[] = [];

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
      if (request.method === 'PUT' && url.pathname === '/audience') {
        audience = JSON.parse(body);
        return json(200, { members: audience.length });
      }
      if (request.method === 'GET' && url.pathname === '/audience') {
        const from = Number(url.searchParams.get('cursor') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '100');
        const members = audience.slice(from, from + limit);
        return json(200, { members, nextCursor: from + limit < audience.length ? String(from + limit) : null });
      }
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
