import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TaskView } from '@baton/contracts';
import { api, artifacts, platform } from './support/console-platform';
import { browserPages } from './support/pages';
import { createAgent, sessionToken } from './support/people';

const pages = browserPages({ viewport: { width: 1280, height: 720 } });
let page: Page;

beforeAll(async () => {
  page = await pages.newPage();
});

async function send(text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('the console', () => {
  it('shows the platform as healthy', async () => {
    await page.goto(platform.consoleUrl!);
    for (const part of ['temporal', 'database', 'worker']) {
      await page.getByTestId(`health-${part}`).getByText('up').waitFor();
    }
    await page.screenshot({ path: path.join(artifacts, 'status.png') });
  });

  it('lets a person chat as a customer through AI answers, a handoff to an agent and a rating', async () => {
    await page.goto(`${platform.consoleUrl}/chat`);
    await page.getByLabel('Customer').selectOption('cus_1001');
    await page.getByRole('button', { name: 'Open chat' }).click();

    await send('Where is my order ORD-10042?');
    await page.getByText('Order ORD-10042 is shipped with DHL').waitFor();

    await send('I want to cancel my subscription');
    await page.getByText("I'm passing you to a member of our team").waitFor();
    await page.getByTestId('stage').getByText('Waiting for a person').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'chat-escalated.png') });

    const eve = await sessionToken(await createAgent('Eve'));
    expect((await api('PUT', '/agents/me/presence', { presence: 'available' }, eve)).status).toBe(200);
    const tasks = (await api('GET', '/tasks?queue=retention')).body as TaskView[];
    const task = tasks.find((t) => t.context.transcript.some((line) => line.text === 'I want to cancel my subscription'))!;
    expect((await api('POST', `/tasks/${task.id}/claim`, {}, eve)).status).toBe(200);
    expect((await api('POST', `/tasks/${task.id}/reply`, { text: 'Hi Ana, I have cancelled it for you.' }, eve)).status).toBe(200);
    await page.getByText('Hi Ana, I have cancelled it for you.').waitFor();
    await page.getByTestId('stage').getByText('Talking to a person').waitFor();

    expect((await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'resolved' }, eve)).status).toBe(200);
    await page.getByText('How would you rate your experience').waitFor();
    await send('5');
    await page.getByText('Thank you for your feedback!').waitFor();
    await page.getByTestId('stage').getByText('Closed').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'chat-closed.png') });

    const agentMessages = await page.locator('.message.agent').count();
    expect(agentMessages).toBe(1);
    expect(await page.locator('.message.customer').count()).toBe(3);
  });
});
