import { ApplicationFailure } from '@temporalio/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBusinessActivities } from './business.activities';

/** A stand-in for the business's HTTP service: each test says how it answers. */
let answer: (url: string, key: string | undefined) => { status: number; body?: unknown; delayMs?: number };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const { status, body, delayMs = 0 } = answer(request.url ?? '', request.headers['x-api-key'] as string | undefined);
    setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {})), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const backend = () => createBusinessActivities({ baseUrl, apiKey: 'key-0123456789abcdef', timeoutMs: 200 });

describe('business activities', () => {
  it('returns the order the backend reports, presenting the API key', async () => {
    const order = { orderNumber: 'ORD-1', status: 'shipped', carrier: 'DHL', estimatedDelivery: '2026-12-09', total: '$1.00' };
    answer = (url, key) => (url === '/customers/cus_1/orders/ORD-1' && key === 'key-0123456789abcdef' ? { status: 200, body: order } : { status: 401 });
    await expect(backend().lookupOrder({ customerId: 'cus_1', orderNumber: 'ORD-1' })).resolves.toEqual({ found: true, ...order });
  });

  it('reports an unknown order as not found', async () => {
    answer = () => ({ status: 404, body: { error: 'order not found' } });
    await expect(backend().lookupOrder({ customerId: 'cus_1', orderNumber: 'ORD-9' })).resolves.toEqual({ found: false, orderNumber: 'ORD-9' });
  });

  it('escapes path segments', async () => {
    let seen = '';
    answer = (url) => ((seen = url), { status: 404 });
    await backend().lookupOrder({ customerId: '../admin', orderNumber: 'a/b?c' });
    expect(seen).toBe('/customers/..%2Fadmin/orders/a%2Fb%3Fc');
  });

  it('throws a retryable error on a 5xx and on a timeout', async () => {
    answer = () => ({ status: 503 });
    await expect(backend().requestPasswordReset({ customerId: 'cus_1' })).rejects.toThrow(/answered 503/);
    answer = () => ({ status: 200, body: { sent: true }, delayMs: 1000 });
    await expect(backend().requestPasswordReset({ customerId: 'cus_1' })).rejects.toThrow(/abort|timeout/i);
  });

  it('does not retry a refusal such as a wrong API key', async () => {
    answer = () => ({ status: 401 });
    const failure = await backend().requestPasswordReset({ customerId: 'cus_1' }).catch((error) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe('BadRequest');
  });
});
