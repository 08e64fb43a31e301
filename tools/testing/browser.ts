import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by Playwright. The flags keep it from reaching for the network
 * (there is none here beyond loopback) and let it run as root in a container.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
