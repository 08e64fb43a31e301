import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type E2eState, stateFile } from '@baton/testing';

/** The platform the console's browser tests run against (started by global-setup.js). */
export const platform: E2eState = JSON.parse(readFileSync(stateFile('console-e2e'), 'utf8'));

/** Where the browser tests save screenshots and figures. */
export const artifacts = path.resolve(__dirname, '../../../../test-artifacts/console');
mkdirSync(artifacts, { recursive: true });

/** One call to the API with the platform's root token, or with a signed-in person's session token. */
export async function api(method: string, route: string, body?: unknown, token = platform.apiToken): Promise<{ status: number; body: any }> {
  const response = await fetch(`${platform.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
