import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AgentView, ApiKeyView, QueueView, UserView } from '@baton/contracts';
import { api, artifacts, platform } from './support/console-platform';
import { browserPages, signIn } from './support/pages';
import { createUser } from './support/people';

const suffix = Date.now().toString(36);
const QUEUE = `vip-${suffix}`;

const { newPage } = browserPages({ viewport: { width: 1280, height: 1000 } });

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `admin-${name}.png`), fullPage: true });
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describe('running a contact centre from the console', () => {
  const dana = { name: `Dana ${suffix}`, email: `dana-${suffix}@console.test`, password: '' };

  it('lets an admin create an agent, who gets a one-time password shown once, and create and revoke an API key', async () => {
    const page = await newPage();
    await page.goto(`${platform.consoleUrl}/admin/users`);
    await page.getByRole('button', { name: 'Use an API token instead' }).click();
    await page.getByLabel('API token').fill(platform.apiToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await mainNav(page).getByRole('link', { name: 'Admin' }).waitFor();

    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel(/^Name/).fill(dana.name);
    await form.getByLabel(/^Email/).fill(dana.email);
    expect(await form.getByRole('checkbox', { name: 'agent' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create user' }).click();

    const secret = page.getByRole('region', { name: `One-time password for ${dana.name}` });
    await secret.getByText(/It is not shown again/).waitFor();
    dana.password = await secret.getByRole('textbox').inputValue();
    expect(dana.password.length).toBeGreaterThanOrEqual(12);
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: dana.email });
    await row.getByText('must change password').waitFor();
    await shot(page, 'user-created');
    await secret.getByRole('button', { name: 'Done' }).click();
    await secret.waitFor({ state: 'detached' });

    const users = (await api('GET', '/users')).body as UserView[];
    expect(users.find((user) => user.email === dana.email)).toMatchObject({ name: dana.name, roles: ['agent'], disabled: false, mustChangePassword: true });

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    const keyName = `shop-${suffix}`;
    const keyForm = page.getByRole('form', { name: 'New API key' });
    await keyForm.getByLabel(/^Name/).fill(keyName);
    await keyForm.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByRole('region', { name: `API key ${keyName}` }).getByRole('textbox').inputValue();
    expect(key).toMatch(/^bk_/);
    await shot(page, 'api-key-created');
    await page.getByRole('button', { name: `Revoke ${keyName}` }).click();
    await page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: keyName }).getByText(/^revoked/).waitFor();
    const keys = (await api('GET', '/api-keys')).body as ApiKeyView[];
    expect(keys.find((k) => k.name === keyName)).toMatchObject({ roles: ['integration'], revokedAt: expect.any(String) });
  });

  it("lets a supervisor create a push queue with business hours and set the new agent's skills, queues and capacity", async () => {
    const supervisor = await createUser('Sam', ['supervisor']);
    const page = await newPage();
    await signIn(page, supervisor, '/supervisor/queues');
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    await mainNav(page).getByRole('link', { name: 'Supervisor' }).waitFor();
    expect(await mainNav(page).getByRole('link', { name: 'Admin' }).count()).toBe(0);

    await page.getByRole('button', { name: 'New queue' }).click();
    const form = page.getByRole('form', { name: 'New queue' });
    await form.getByLabel(/^Name/).fill(QUEUE);
    await form.getByLabel(/^Title/).fill('VIP customers');
    await form.getByLabel(/^Mode/).selectOption('push');
    await form.getByLabel(/^Required skills/).fill('billing');
    await form.getByLabel(/^Priority/).fill('70');
    await form.getByLabel(/^Reservation/).fill('20');
    await form.getByLabel(/^Claim within/).fill('90');
    await form.getByLabel('Staffed around the clock').uncheck();
    await form.getByLabel(/^Time zone/).fill('Europe/Lisbon');
    await form.getByLabel('Monday range 1 from', { exact: true }).fill('08:00');
    await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await form.getByLabel('Saturday range 1 from', { exact: true }).fill('10:00');
    await form.getByLabel('Saturday range 1 to', { exact: true }).fill('14:00');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByLabel('Holiday 1', { exact: true }).fill('2026-12-25');
    await shot(page, 'queue-form');
    await form.getByRole('button', { name: 'Create queue' }).click();
    await page.getByRole('status').getByText(`Created ${QUEUE}.`).waitFor();
    await page.getByRole('table', { name: 'Queue settings' }).getByRole('row').filter({ hasText: QUEUE }).getByText(/Sat 10:00–14:00/).waitFor();
    await shot(page, 'queues');

    const nineToFive = [{ from: '09:00', to: '17:00' }];
    const queue = (await api('GET', `/queues/${QUEUE}`)).body as QueueView;
    expect(queue).toMatchObject({
      name: QUEUE,
      title: 'VIP customers',
      mode: 'push',
      requiredSkills: ['billing'],
      priority: 70,
      sla: { claimSeconds: 90 },
      reservationSeconds: 20,
      businessHours: {
        timeZone: 'Europe/Lisbon',
        weekly: { mon: [{ from: '08:00', to: '17:00' }], tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [{ from: '10:00', to: '14:00' }], sun: [] },
        holidays: ['2026-12-25'],
      },
    });

    await page.getByRole('navigation', { name: 'Supervisor' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await page.getByRole('button', { name: `Edit ${dana.name}` }).click();
    const profile = page.getByRole('form', { name: `Profile of ${dana.name}` });
    await profile.getByLabel(/^Skills/).fill('billing, spanish');
    await profile.getByRole('checkbox', { name: QUEUE, exact: true }).check();
    await profile.getByLabel(/^Capacity/).fill('2');
    await shot(page, 'agent-form');
    await profile.getByRole('button', { name: 'Save agent' }).click();
    await page.getByRole('status').getByText(`Saved ${dana.name}.`).waitFor();
    const agentRow = page.getByRole('table', { name: 'Agent settings' }).getByRole('row').filter({ hasText: dana.email });
    await agentRow.getByText('billing, spanish').waitFor();
    await shot(page, 'agents');

    const agents = (await api('GET', '/agents')).body as AgentView[];
    expect(agents.find((agent) => agent.email === dana.email)).toMatchObject({ skills: ['billing', 'spanish'], queues: [QUEUE], capacity: 2 });
  });

  it('lets the new agent sign in with the one-time password, choose their own and reach the desk', async () => {
    const page = await newPage();
    await signIn(page, dana, '/desk');
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    const own = `own-password-${suffix}`;
    await page.getByLabel('Current password').fill(dana.password);
    await page.getByLabel('New password', { exact: true }).fill(own);
    await page.getByLabel('New password again').fill(own);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Agent desk' }).waitFor();
    await page.getByTestId('signed-in-as').getByText(dana.name).waitFor();
    await mainNav(page).getByRole('link', { name: 'Desk' }).waitFor();
    expect(await mainNav(page).getByRole('link', { name: 'Supervisor' }).count()).toBe(0);
    await shot(page, 'agent-desk');

    const users = (await api('GET', '/users')).body as UserView[];
    expect(users.find((user) => user.email === dana.email)?.mustChangePassword).toBe(false);
  });
});
