import { randomUUID } from 'node:crypto';
import { zoneWhereHourIs } from '@baton/testing';
import { api, eventually, platform, sql } from './support/platform-client';

const setAudience = (members: unknown[]) => fetch(`${platform.deliveryUrl}/audience`, { method: 'PUT', body: JSON.stringify(members) });
const campaign = (extra: Record<string, unknown> = {}) => ({
  name: `e2e-${randomUUID().slice(0, 8)}`,
  eventType: 'payment.due',
  cron: '0 9 * * *',
  timeZone: 'Europe/London',
  audience: { url: 'sink:/audience' },
  payload: { amount: '$10.00', dueDate: '2026-12-20' },
  ratePerSecond: 4,
  ...extra,
});

describe('campaigns on Temporal Schedules', () => {
  it('runs over its audience page by page at the set pace, skipping customers who opted out', async () => {
    const prefix = `cus_camp_${randomUUID().slice(0, 6)}`;
    const members = Array.from({ length: 12 }, (_, i) => ({ customerId: `${prefix}_${i}`, payload: { amount: `$${i}.00` }, timeZone: zoneWhereHourIs(10, 17) }));
    await setAudience(members);
    for (const optedOut of [members[3]!, members[7]!]) await api('PUT', `/customers/${optedOut.customerId}/contact-preferences`, { outreach: false });

    const body = campaign();
    const created = await api('POST', '/campaigns', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: body.name, paused: false, ratePerSecond: 4, nextRunAt: expect.any(String) });
    expect((await api('POST', `/campaigns/${body.name}/run`)).status).toBe(202);

    const [run] = await eventually(
      async () => (await api('GET', `/campaigns/${body.name}/runs`)).body as { status: string }[],
      (runs) => runs[0]?.status === 'completed',
      30_000,
    );
    expect(run).toMatchObject({ audience: 12, started: 10, skipped: { opted_out: 2 }, failed: 0, finishedAt: expect.any(String) });

    const rows = await sql(`SELECT customer_id, status, payload, created_at FROM outreaches WHERE customer_id LIKE $1 ORDER BY created_at`, [`${prefix}_%`]);
    expect(rows).toHaveLength(12);
    expect(rows.find((row) => row.customer_id === `${prefix}_5`)!.payload).toEqual({ amount: '$5.00', dueDate: '2026-12-20' });
    // 12 members at 4 a second: three batches, at least two seconds apart from first to last.
    const spreadMs = rows.at(-1)!.created_at.getTime() - rows[0]!.created_at.getTime();
    expect(spreadMs).toBeGreaterThanOrEqual(1900);
  });

  it("reads its audience from the business's system through a worker connection", async () => {
    const body = campaign({
      audience: { url: 'store:/audiences/payment-due?days=3', headers: [{ name: 'x-api-key', secret: 'store_api_key' }] },
      payload: {},
      ratePerSecond: null,
    });
    expect((await api('POST', '/campaigns', body)).status).toBe(201);
    await api('POST', `/campaigns/${body.name}/run`);
    const [run] = await eventually(
      async () => (await api('GET', `/campaigns/${body.name}/runs`)).body as { id: string; status: string }[],
      (runs) => runs[0]?.status === 'completed',
      30_000,
    );
    // The demo store's unpaid invoices due within three days: cus_1001's and cus_1002's, not cus_1003's.
    expect(run).toMatchObject({ audience: 2, started: 2, failed: 0 });
    const rows = await sql(`SELECT customer_id, payload FROM outreaches WHERE idempotency_key LIKE $1 ORDER BY customer_id`, [`${run.id}:%`]);
    expect(rows.map((row) => [row.customer_id, row.payload.invoiceNumber])).toEqual([
      ['cus_1001', 'INV-5001'],
      ['cus_1002', 'INV-5002'],
    ]);
  });

  it('pauses, resumes and deletes a campaign', async () => {
    const body = campaign();
    await api('POST', '/campaigns', body);
    expect((await api('POST', `/campaigns/${body.name}/pause`)).body).toMatchObject({ paused: true });
    expect((await api('GET', '/campaigns')).body).toContainEqual(expect.objectContaining({ name: body.name, paused: true }));
    expect((await api('POST', `/campaigns/${body.name}/resume`)).body).toMatchObject({ paused: false });
    expect((await api('DELETE', `/campaigns/${body.name}`)).status).toBe(204);
    const gone = await api('GET', `/campaigns/${body.name}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
  });

  it('refuses a second campaign of the same name', async () => {
    const body = campaign();
    await api('POST', '/campaigns', body);
    const again = await api('POST', '/campaigns', body);
    expect([again.status, again.body.error.code]).toEqual([409, 'CAMPAIGN_EXISTS']);
  });

  it.each([
    ['a cron that is not five fields', { cron: 'every morning' }, 400, 'INVALID_FIELD', /five-field cron/],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 400, 'INVALID_FIELD', /IANA time zone/],
    ['a rate of zero', { ratePerSecond: 0 }, 400, 'INVALID_FIELD', /ratePerSecond/],
    ['an event no outreach flow listens for', { eventType: 'parcel.lost' }, 422, 'NO_OUTREACH_FLOW', /no published outreach flow starts on "parcel.lost"/],
  ])('refuses %s, creating nothing', async (_case, change, status, code, message) => {
    const body = campaign(change);
    const answer = await api('POST', '/campaigns', body);
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    const said = [answer.body.error.message, ...(answer.body.error.details ?? []).map((d: { field?: string; message: string }) => `${d.field} ${d.message}`)].join('\n');
    expect(said).toMatch(message);
    expect((await api('GET', `/campaigns/${body.name}`)).status).toBe(404);
  });
});
