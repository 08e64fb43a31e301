import { ApplicationFailure } from '@temporalio/common';
import type { OrderLookup, PasswordResetResult } from '@baton/workflows';

export interface BusinessBackend {
  baseUrl: string;
  apiKey: string;
  /** Per-request limit; Temporal retries the activity on timeouts and 5xx. */
  timeoutMs?: number;
}

/**
 * Calls the business's own systems (the bundled demo store). 4xx answers other than "not found"
 * are configuration or input problems and are not retried; timeouts and 5xx are.
 */
export function createBusinessActivities({ baseUrl, apiKey, timeoutMs = 3000 }: BusinessBackend) {
  async function call<T>(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { 'x-api-key': apiKey, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as T;
    if (response.status >= 500) throw new Error(`business backend answered ${response.status} to ${method} ${path}`);
    if (response.status >= 400 && response.status !== 404) {
      throw ApplicationFailure.create({ type: 'BadRequest', message: `business backend refused ${method} ${path}: ${response.status}` });
    }
    return { status: response.status, body };
  }

  return {
    async lookupOrder({ customerId, orderNumber }: { customerId: string; orderNumber: string }): Promise<OrderLookup> {
      const { status, body } = await call<Omit<Extract<OrderLookup, { found: true }>, 'found'>>(
        'GET',
        `/customers/${encodeURIComponent(customerId)}/orders/${encodeURIComponent(orderNumber)}`,
      );
      return status === 404 ? { found: false, orderNumber } : { found: true, ...body };
    },

    async requestPasswordReset({ customerId }: { customerId: string }): Promise<PasswordResetResult> {
      const { status, body } = await call<PasswordResetResult>('POST', `/customers/${encodeURIComponent(customerId)}/password-reset`);
      return status === 404 ? { sent: false, maskedEmail: null } : body;
    },
  };
}
