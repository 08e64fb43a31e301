import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AgentView } from '@baton/contracts';
import { api, artifacts, platform } from './support/console-platform';
import { browserPages, signIn } from './support/pages';
import { createAgent, createUser, type Person } from './support/people';

const { newPage } = browserPages();

/** Signs in and waits until the console says who is signed in. */
async function signInAs(page: Page, person: Person, route: string) {
  await signIn(page, person, route);
  await page.getByTestId('signed-in-as').getByText(person.name).waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `desk-${name}.png`), fullPage: true });

describe('the agent desk', () => {
  it('shows an escalation live to two agents; one claims it, replies with the AI suggestion and resolves it, and the customer rates the chat', async () => {
    const [alice, bob] = await Promise.all([createAgent('Alice'), createAgent('Bob')]);
    const [deskA, deskB, customer] = await Promise.all([newPage(), newPage(), newPage()]);

    for (const [page, agent] of [
      [deskA, alice],
      [deskB, bob],
    ] as const) {
      await signInAs(page, agent, '/desk');
      await page.getByRole('heading', { name: 'Agent desk' }).waitFor();
      await page.getByText(/You are offline: no tasks are offered to you/).waitFor();
      await page.getByLabel('Presence').selectOption('available');
      await page.getByText(/no tasks are offered to you/).waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('Live').waitFor();
    }
    const agents = (await api('GET', '/agents')).body as AgentView[];
    expect(agents.filter((agent) => [alice.id, bob.id].includes(agent.id)).map((agent) => agent.presence)).toEqual(['available', 'available']);

    await customer.goto(`${platform.consoleUrl}/chat`);
    await customer.getByLabel('Customer').selectOption('cus_1003');
    await customer.getByRole('button', { name: 'Open chat' }).click();
    const say = async (text: string) => {
      await customer.getByLabel('Message').fill(text);
      await customer.getByRole('button', { name: 'Send' }).click();
    };
    await say('When will my refund arrive?');
    await customer.locator('.message.ai').first().waitFor();
    await say('Can I talk to a real person please');
    await customer.getByText("I'm passing you to a member of our team").waitFor();

    // Both desks see it arrive, without reloading.
    const row = (page: Page) => page.getByRole('table', { name: 'Waiting tasks' }).getByRole('row').filter({ hasText: 'cus_1003' });
    await row(deskA).waitFor();
    await row(deskB).waitFor();
    await row(deskA).getByText('Customer asked for a person').waitFor();
    await shot(deskB, 'queue');

    await row(deskA).getByRole('button', { name: /^Claim/ }).click();
    await deskA.getByRole('tab', { name: /cus_1003/ }).waitFor();
    await row(deskB).waitFor({ state: 'detached' });
    await shot(deskB, 'claimed-elsewhere');

    // The whole picture: transcript with AI and customer turns marked, context, AI help.
    const transcript = deskA.getByRole('list', { name: 'Transcript' });
    await transcript.locator('[data-role="customer"]').filter({ hasText: 'Can I talk to a real person please' }).waitFor();
    expect(await transcript.locator('[data-role="ai"]').count()).toBeGreaterThan(0);
    await deskA.getByRole('region', { name: 'Handoff context' }).getByText('Customer asked for a person').first().waitFor();

    await deskA.getByRole('button', { name: 'Use suggestion' }).click();
    const reply = deskA.getByLabel('Reply', { exact: true });
    const suggestion = await reply.inputValue();
    expect(suggestion.length).toBeGreaterThan(20);
    await shot(deskA, 'conversation');
    const edited = `Hi Chloe, thanks for waiting. ${suggestion}`;
    await reply.fill(edited);
    await deskA.getByRole('button', { name: 'Send reply' }).click();

    await customer.locator('.message.agent').filter({ hasText: 'Hi Chloe, thanks for waiting.' }).waitFor();
    await customer.getByTestId('stage').getByText('Talking to a person').waitFor();
    await transcript.locator('[data-role="agent"]').filter({ hasText: 'Hi Chloe, thanks for waiting.' }).waitFor();

    await deskA.getByRole('button', { name: 'Resolve', exact: true }).click();
    const resolve = deskA.getByRole('form', { name: 'Resolve' });
    await resolve.getByLabel(/^Disposition/).selectOption('resolved');
    await resolve.getByLabel(/^Notes/).fill('Explained when the refund arrives.');
    await resolve.getByRole('button', { name: /Resolve conversation/ }).click();
    await deskA.getByRole('tab', { name: /cus_1003/ }).waitFor({ state: 'detached' });
    await deskA.getByText('Resolved. The customer is asked for a rating.').waitFor();

    await customer.getByText('How would you rate your experience').waitFor();
    await say('5');
    await customer.getByText('Thank you for your feedback!').waitFor();
    await customer.getByTestId('stage').getByText('Closed').waitFor();
    await shot(customer, 'customer-closed');
    await shot(deskA, 'resolved');
  });

  it('shows a supervisor every queue and agent, and tells an agent the supervisor view is not theirs', async () => {
    const supervisor = await createUser('Sam', ['supervisor']);
    const page = await newPage();
    await signInAs(page, supervisor, '/supervisor');
    const queues = page.getByRole('table', { name: 'Queues' });
    await queues.getByRole('row').filter({ hasText: 'support' }).first().waitFor();
    await page.getByRole('table', { name: 'Agents' }).getByRole('row').filter({ hasText: 'Alice' }).waitFor();
    await shot(page, 'supervisor');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    const agent = await createAgent('Carol');
    await signInAs(page, agent, '/supervisor');
    await page.getByText('This page needs the supervisor role.', { exact: false }).waitFor();
  });
});
