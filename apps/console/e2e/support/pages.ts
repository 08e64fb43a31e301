import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '@baton/testing';
import { platform } from './console-platform';
import type { Person } from './people';

export interface BrowserPagesOptions {
  viewport?: { width: number; height: number };
  /** Errors a test provokes on purpose (a refused request the browser logs), not counted as failures. */
  expected?: RegExp;
}

/**
 * Browser pages for one spec file, each in a context (a browser profile) of its own, so that
 * several people can be signed in at once. Every error a page reports fails the test it happened
 * in; working pages report none. Dialogs (confirmations) are accepted and kept in `dialogs`.
 */
export function browserPages({ viewport = { width: 1400, height: 1000 }, expected }: BrowserPagesOptions = {}) {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const dialogs: { type: string; message: string }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  afterEach(() => {
    expect(errors.splice(0).filter((error) => !expected?.test(error))).toEqual([]);
  });

  return {
    dialogs,
    async newPage(): Promise<Page> {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
      page.on('dialog', (dialog) => {
        dialogs.push({ type: dialog.type(), message: dialog.message() });
        void dialog.accept();
      });
      return page;
    },
  };
}

/** Opens the console at `route` and signs in with email and password. */
export async function signIn(page: Page, person: Pick<Person, 'email' | 'password'>, route: string): Promise<void> {
  await page.goto(`${platform.consoleUrl}${route}`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
