import { ApplicationFailure } from '@temporalio/common';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityFailure } from '@baton/workflows';
import { createActionActivities, resolveActionUrl } from './action.activities';

/** The business's HTTP service: each test says how it answers, and sees what was asked. */
let answer: (request: { method: string; url: string; headers: IncomingHttpHeaders; body: string }) => { status: number; body?: string; delayMs?: number };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { status, body: out = '', delayMs = 0 } = answer({ method: request.method!, url: request.url!, headers: request.headers, body });
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(out), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const activities = (maxResponseBytes?: number) =>
  createActionActivities({ connections: { store: `${baseUrl}/api` }, secrets: { store_key: 'secret-0123456789' }, ...(maxResponseBytes ? { maxResponseBytes } : {}) });
const call = (url: string, extra: Partial<Parameters<ReturnType<typeof activities>['callAction']>[0]> = {}) =>
  activities().callAction({ method: 'GET', url, headers: [], timeoutSeconds: 2, ...extra });

const failureType = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof ApplicationFailure ? error.type : error;
};

describe('resolveActionUrl', () => {
  const connections = { store: 'https://shop.example/api/', crm: 'https://crm.example' };

  it('joins a connection path to its base URL', () => {
    expect(resolveActionUrl('store:/orders/ORD-1?x=1', connections).href).toBe('https://shop.example/api/orders/ORD-1?x=1');
    expect(resolveActionUrl('crm:', connections).href).toBe('https://crm.example/');
  });

  it('allows absolute URLs on a connection origin only', () => {
    expect(resolveActionUrl('https://crm.example/people/1', connections).href).toBe('https://crm.example/people/1');
    expect(() => resolveActionUrl('https://evil.example/steal', connections)).toThrow(/not one of this worker's connections/);
    expect(() => resolveActionUrl('http://169.254.169.254/latest/meta-data', connections)).toThrow(/not one of this worker's connections/);
  });

  it.each([
    ['billing:/invoices', /connection "billing", which this worker does not know/],
    ['file:///etc/passwd', /connection "file", which this worker does not know/],
    ['ftp://shop.example/api', /connection "ftp"|must be http or https/],
    ['not a url', /is not a URL or a <connection>:\/path/],
  ])('refuses %s', (url, message) => {
    expect(() => resolveActionUrl(url, connections)).toThrow(message);
  });

  it('keeps paths that try to climb out or name another host on the connection host', () => {
    expect(resolveActionUrl('store:/../../admin', connections).origin).toBe('https://shop.example');
    expect(resolveActionUrl('store://evil.example/x', connections).origin).toBe('https://shop.example');
  });
});

describe('callAction', () => {
  it('calls the connection with secrets in headers and a JSON body, and parses the JSON answer', async () => {
    answer = ({ method, url, headers, body }) =>
      method === 'POST' && url === '/api/customers/c1/reset' && headers['x-api-key'] === 'secret-0123456789' && headers['content-type'] === 'application/json' && body === '{"a":1}'
        ? { status: 200, body: '{"sent":true}' }
        : { status: 400 };
    await expect(call('store:/customers/c1/reset', { method: 'POST', headers: [{ name: 'x-api-key', secret: 'store_key' }], body: '{"a":1}' })).resolves.toEqual({ status: 200, body: { sent: true } });
  });

  it('answers 4xx as they are, for the flow to branch on', async () => {
    answer = () => ({ status: 404, body: '{"error":"no such order"}' });
    await expect(call('store:/orders/x')).resolves.toEqual({ status: 404, body: { error: 'no such order' } });
  });

  it('keeps a text answer as text and an empty one as null', async () => {
    answer = () => ({ status: 200, body: 'plain words' });
    await expect(call('store:/x')).resolves.toEqual({ status: 200, body: 'plain words' });
    answer = () => ({ status: 204 });
    await expect(call('store:/x')).resolves.toEqual({ status: 204, body: null });
  });

  it('throws a retryable ActionServerError carrying the status on 5xx', async () => {
    answer = () => ({ status: 503 });
    const error = await call('store:/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: ActivityFailure.ActionServerError, nonRetryable: false, details: [503] });
  });

  it('keeps personal data the URL carries out of failure messages (they are logged and kept in histories)', async () => {
    answer = () => ({ status: 503 });
    const failed = (await call('store:/customers/ana%40example.com/calls/+44 20 7946 0000').catch((e: unknown) => e)) as Error;
    expect(failed.message).toContain('/customers/[email]/calls/[phone]');
    const refused = (await call('not a url ana@example.com').catch((e: unknown) => e)) as Error;
    expect(refused.message).toContain('[email]');
    expect(refused.message).not.toContain('ana@example.com');
  });

  it('refuses, without retries, a secret the worker does not hold or a bad header name', async () => {
    answer = () => ({ status: 200 });
    expect(await failureType(call('store:/x', { headers: [{ name: 'x-api-key', secret: 'missing' }] }))).toBe(ActivityFailure.ActionRefused);
    expect(await failureType(call('store:/x', { headers: [{ name: 'bad header\r\n', secret: 'store_key' }] }))).toBe(ActivityFailure.ActionRefused);
  });

  it('gives up on a service slower than the timeout', async () => {
    answer = () => ({ status: 200, body: '{}', delayMs: 1500 });
    await expect(call('store:/slow', { timeoutSeconds: 1 })).rejects.toThrow(/timeout|aborted/i);
  });

  it('refuses an answer larger than the limit', async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ blob: 'x'.repeat(5000) }) });
    const error = await activities(1000).callAction({ method: 'GET', url: 'store:/big', headers: [], timeoutSeconds: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: ActivityFailure.ActionRefused, message: expect.stringMatching(/larger than 1000 bytes/) });
  });
});
