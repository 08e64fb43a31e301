import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import type { StoreConfig } from './config';

type Handler = (request: IncomingMessage, params: string[], body: unknown) => Promise<[number, unknown]>;

const MAX_BODY_BYTES = 16 * 1024;
const ID = '([A-Za-z0-9_-]{1,64})';

const maskEmail = (email: string) => {
  const [user, domain] = email.split('@');
  return `${user[0]}***@${domain}`;
};

const sameSecret = (given: string | undefined, expected: string) => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The sample business's backend: customers, orders and password resets behind an API key,
 * plus the endpoint its web page uses to open a Baton web chat for a signed-in customer.
 */
export function createStoreServer(pool: Pool, config: StoreConfig): Server {
  const integration: [string, RegExp, Handler][] = [
    [
      'GET',
      new RegExp(`^/customers/${ID}/orders/([A-Za-z0-9-]{1,32})$`),
      async (_request, [customerId, orderNumber]) => {
        const { rows } = await pool.query(
          `SELECT number, status, carrier, to_char(estimated_delivery, 'YYYY-MM-DD') AS eta, total_cents
             FROM demo_store.orders WHERE customer_id = $1 AND upper(number) = upper($2)`,
          [customerId, orderNumber],
        );
        if (rows.length === 0) return [404, { error: 'order not found for this customer' }];
        const [order] = rows;
        return [
          200,
          {
            orderNumber: order.number,
            status: order.status,
            carrier: order.carrier,
            estimatedDelivery: order.eta,
            total: `$${(order.total_cents / 100).toFixed(2)}`,
          },
        ];
      },
    ],
    [
      'GET',
      /^\/audiences\/payment-due$/,
      async (request) => {
        // A campaign audience, page by page: unpaid invoices due within `days` days.
        const query = new URL(request.url ?? '/', 'http://store').searchParams;
        const days = Number(query.get('days') ?? '3');
        const limit = Number(query.get('limit') ?? '100');
        const cursor = query.get('cursor') ?? '';
        if (!Number.isInteger(days) || days < 0 || days > 90) return [400, { error: 'days must be a whole number from 0 to 90' }];
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return [400, { error: 'limit must be a whole number from 1 to 1000' }];
        const { rows } = await pool.query(
          `SELECT number, customer_id, amount_cents, to_char(due_date, 'YYYY-MM-DD') AS due FROM demo_store.invoices
            WHERE NOT paid AND due_date BETWEEN current_date AND current_date + $1::int AND number > $2
            ORDER BY number LIMIT $3`,
          [days, cursor, limit + 1],
        );
        const page = rows.slice(0, limit);
        return [
          200,
          {
            members: page.map((row) => ({
              customerId: row.customer_id,
              payload: { invoiceNumber: row.number, amount: `$${(row.amount_cents / 100).toFixed(2)}`, dueDate: row.due },
            })),
            nextCursor: rows.length > limit ? page.at(-1).number : null,
          },
        ];
      },
    ],
    [
      'POST',
      new RegExp(`^/customers/${ID}/password-reset$`),
      async (_request, [customerId]) => {
        const { rows } = await pool.query(`SELECT email FROM demo_store.customers WHERE id = $1`, [customerId]);
        if (rows.length === 0) return [404, { error: 'customer not found' }];
        if (!rows[0].email) return [200, { sent: false, maskedEmail: null }];
        await pool.query(`INSERT INTO demo_store.password_resets (customer_id, email) VALUES ($1, $2)`, [customerId, rows[0].email]);
        return [200, { sent: true, maskedEmail: maskEmail(rows[0].email) }];
      },
    ],
  ];

  const site: [string, RegExp, Handler][] = [
    ['GET', /^\/health$/, async () => (await pool.query('SELECT 1'), [200, { status: 'ok' }])],
    [
      'GET',
      /^\/customers$/,
      async () => {
        const { rows } = await pool.query(`SELECT id, name, tier FROM demo_store.customers ORDER BY id`);
        return [200, rows];
      },
    ],
    [
      'POST',
      /^\/chat-sessions$/,
      async (_request, _params, body) => {
        const customerId = (body as { customerId?: unknown } | undefined)?.customerId;
        if (typeof customerId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(customerId)) {
          return [400, { error: 'customerId is required' }];
        }
        const { rowCount } = await pool.query(`SELECT 1 FROM demo_store.customers WHERE id = $1`, [customerId]);
        if (!rowCount) return [404, { error: 'customer not found' }];
        const response = await fetch(new URL('/chat/sessions', config.BATON_API_URL), {
          method: 'POST',
          headers: { authorization: `Bearer ${config.BATON_API_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customerId }),
          signal: AbortSignal.timeout(5000),
        });
        return [response.status, await response.json()];
      },
    ],
  ];

  const cors = (request: IncomingMessage, response: ServerResponse) => {
    const origin = request.headers.origin;
    const allowed = config.DEMO_STORE_CORS_ORIGINS.split(',').map((entry) => entry.trim());
    if (origin && (allowed.includes('*') || allowed.includes(origin))) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-headers', 'content-type');
      response.setHeader('vary', 'origin');
    }
  };

  return createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      cors(request, response);
      const path = new URL(request.url ?? '/', 'http://store').pathname;
      if (request.method === 'OPTIONS') return void response.writeHead(204).end();
      for (const [routes, needsKey] of [[site, false], [integration, true]] as const) {
        for (const [method, pattern, handler] of routes) {
          const match = pattern.exec(path);
          if (!match || method !== request.method) continue;
          if (needsKey && !sameSecret(request.headers['x-api-key'] as string | undefined, config.DEMO_STORE_API_KEY)) {
            return send(401, { error: 'a valid x-api-key header is required' });
          }
          const [status, body] = await handler(request, match.slice(1), await readJson(request));
          return send(status, body);
        }
      }
      send(404, { error: 'no such route' });
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, { error: error.message });
      console.error('demo-store: request failed', error);
      send(500, { error: 'internal error' });
    }
  });
}
