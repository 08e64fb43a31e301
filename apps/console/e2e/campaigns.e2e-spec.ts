import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CampaignRunView, ConversationView } from '@baton/contracts';
import { zoneWhereHourIs } from '@baton/testing';
import { api, artifacts, platform } from './support/console-platform';
import { browserPages } from './support/pages';

const suffix = Date.now().toString(36);
const CAMPAIGN = `reminders-${suffix}`;
const customer = (n: number | string) => `cus_console_${suffix}_${n}`;
/** A customer's clock in the day, so that quiet hours hold nothing back. */
const DAYTIME = zoneWhereHourIs(10, 17);

// A refused campaign answers 422, which the browser logs as a failed resource; that is the point of the test.
const pages = browserPages({ viewport: { width: 1280, height: 1000 }, expected: /status of 422/ });
let page: Page;

beforeAll(async () => {
  page = await pages.newPage();
});

/** The conversation an outreach started, once the flow's first message is in its transcript. */
async function firstMessageOf(conversationId: string): Promise<ConversationView> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const answer = await api('GET', `/conversations/${conversationId}`);
    if (answer.status === 200 && (answer.body as ConversationView).messages.length > 0) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`conversation ${conversationId} received no message`);
}

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `campaigns-${name}.png`), fullPage: true });
const runRow = () => page.getByRole('table', { name: 'Runs' }).locator('tbody tr').first();

describe('campaigns in the console', () => {
  it('refuses a campaign for an event no outreach flow listens for, showing why under the field, then creates it', async () => {
    await page.goto(`${platform.consoleUrl}/campaigns`);
    await page.getByRole('button', { name: 'Use an API token instead' }).click();
    await page.getByLabel('API token').fill(platform.apiToken);
    await page.getByLabel(/Your name/).fill('ops@console');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();

    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel(/^Name/).fill(CAMPAIGN);
    await form.getByLabel(/^Event type/).fill('parcel.lost');
    await form.getByLabel(/^Schedule/).fill('30 8 * * 1-5');
    await form.getByLabel(/^Time zone/).fill('Europe/Lisbon');
    await form.getByLabel(/^Audience URL/).fill('sink:/audience');
    await form.getByLabel(/^Payload/).fill('{"amount": "$10.00", "dueDate": "2026-12-20"}');
    await form.getByLabel(/^Sends per second/).fill('2');
    await form.getByRole('button', { name: 'Create campaign' }).click();

    const eventTypeError = form.locator('[data-field="campaign-event-type"] .field-error');
    await eventTypeError.getByText('no published outreach flow starts on "parcel.lost"').waitFor();
    expect(await form.getByLabel(/^Event type/).getAttribute('aria-invalid')).toBe('true');
    expect((await api('GET', `/campaigns/${CAMPAIGN}`)).status).toBe(404);
    await shot('refused');

    await form.getByLabel(/^Event type/).fill('payment.due');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(`**/campaigns/${CAMPAIGN}`);
    await page.getByRole('heading', { name: CAMPAIGN, level: 1 }).waitFor();
    await page.getByText(/No runs yet/).waitFor();

    const created = (await api('GET', `/campaigns/${CAMPAIGN}`)).body;
    expect(created).toMatchObject({
      eventType: 'payment.due',
      cron: '30 8 * * 1-5',
      timeZone: 'Europe/Lisbon',
      audience: { url: 'sink:/audience', headers: [] },
      payload: { amount: '$10.00', dueDate: '2026-12-20' },
      channel: 'web',
      ratePerSecond: 2,
      paused: false,
    });
  });

  it('runs the campaign now and shows the run complete with what was started and what was skipped, and why', async () => {
    const members = [1, 2, 3, 4].map((n) => ({ customerId: customer(n), payload: { amount: `$${n}.00` }, timeZone: DAYTIME }));
    expect((await fetch(`${platform.deliveryUrl}/audience`, { method: 'PUT', body: JSON.stringify(members) })).status).toBe(200);
    expect((await api('PUT', `/customers/${customer(3)}/contact-preferences`, { outreach: false })).status).toBe(200);

    await page.getByRole('button', { name: `Run ${CAMPAIGN} now` }).click();
    await page.locator('table[aria-label="Runs"] tbody tr[data-status="completed"]').waitFor();
    const row = runRow();
    expect(await row.locator('[data-label="audience"]').textContent()).toBe('4');
    expect(await row.locator('[data-label="started"]').textContent()).toBe('3');
    expect(await row.locator('[data-label="skipped"] li').allTextContents()).toEqual(['opted out: 1']);
    expect(await row.locator('[data-label="failed"]').textContent()).toBe('0');
    await shot('run');

    const [run] = (await api('GET', `/campaigns/${CAMPAIGN}/runs`)).body as CampaignRunView[];
    expect(run).toMatchObject({ status: 'completed', audience: 4, started: 3, skipped: { opted_out: 1 }, failed: 0 });
  });

  it('pauses the schedule, and lists the campaign with its schedule, pace and state', async () => {
    await page.getByRole('button', { name: `Pause ${CAMPAIGN}` }).click();
    await page.getByRole('button', { name: `Resume ${CAMPAIGN}` }).waitFor();
    expect((await api('GET', `/campaigns/${CAMPAIGN}`)).body.paused).toBe(true);

    await page.getByRole('link', { name: 'All campaigns' }).click();
    const row = page.locator(`tr[data-campaign="${CAMPAIGN}"]`);
    await row.waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual([
      CAMPAIGN,
      'payment.due',
      '30 8 * * 1-5\nEurope/Lisbon',
      '2 per second',
      'Paused',
      'paused',
      expect.stringMatching(/Resume\s+Run now\s+Delete/),
    ]);

    await row.getByRole('button', { name: `Resume ${CAMPAIGN}` }).click();
    await row.getByText('Active').waitFor();
    expect((await api('GET', `/campaigns/${CAMPAIGN}`)).body).toMatchObject({ paused: false, nextRunAt: expect.any(String) });
    await shot('list');
  });

  it('sends a test event and shows the outreach started, with its conversation and flow version', async () => {
    const panel = page.getByRole('region', { name: 'Send a test event' });
    await panel.getByLabel(/^Event type/).fill('payment.due');
    await panel.getByLabel(/^Customer id/).fill(customer('event'));
    await panel.getByLabel(/^Customer time zone/).fill(DAYTIME);
    await panel.getByLabel(/^Payload/).fill('{"amount": "$42.00", "dueDate": "2026-12-24"}');
    await panel.getByRole('button', { name: 'Send event' }).click();

    const answer = panel.getByRole('status', { name: 'Event answer' });
    await answer.getByText('started', { exact: true }).waitFor();
    const conversationId = (await answer.locator('dt:text-is("Conversation") + dd').textContent())!;
    const live = (await api('GET', '/flows/payment-reminder')).body.currentVersion;
    expect(await answer.locator('dt:text-is("Flow") + dd').textContent()).toBe(`payment-reminder version ${live}`);
    const conversation = await firstMessageOf(conversationId);
    expect(conversation).toMatchObject({ customerId: customer('event'), conversationKey: `customer-${customer('event')}`, flow: { name: 'payment-reminder', version: live } });
    expect(conversation.messages[0]).toMatchObject({ role: 'ai', text: expect.stringContaining('A payment of $42.00 is due on 2026-12-24') });
    await shot('test-event');

    // The customer who opted out hears nothing, and the panel says why.
    await panel.getByLabel(/^Customer id/).fill(customer(3));
    await panel.getByRole('button', { name: 'Send event' }).click();
    await answer.getByText('skipped', { exact: true }).waitFor();
    await answer.getByText('Nothing was sent: opted out.').waitFor();
    expect(await answer.locator('dt:text-is("Conversation") + dd').textContent()).toBe('—');
  });

  it('deletes the campaign after asking', async () => {
    const row = page.locator(`tr[data-campaign="${CAMPAIGN}"]`);
    await row.getByRole('button', { name: `Delete ${CAMPAIGN}` }).click();
    await page.getByRole('status').getByText(`Deleted ${CAMPAIGN}.`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(pages.dialogs.map((dialog) => dialog.message)).toEqual([expect.stringContaining(`Delete the campaign ${CAMPAIGN}?`)]);
    expect((await api('GET', `/campaigns/${CAMPAIGN}`)).status).toBe(404);
  });
});
