import type { ApiErrorBody, ApiErrorDetail } from '@baton/contracts';
import { API_TOKEN, API_URL } from '../env';

const TOKEN_KEY = 'baton.apiToken';
const AUTHOR_KEY = 'baton.author';
const MUST_CHANGE_PASSWORD_KEY = 'baton.mustChangePassword';

/** The bearer token the console calls the API with: a session from sign-in, or a pasted API token. */
export const storedToken = (): string | null => API_TOKEN ?? window.localStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string | null): void => {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
};

/** Whether the signed-in session must set a new password before anything else. */
export const mustChangePassword = (): boolean => window.localStorage.getItem(MUST_CHANGE_PASSWORD_KEY) === 'true';
export const storeMustChangePassword = (must: boolean): void => {
  if (must) window.localStorage.setItem(MUST_CHANGE_PASSWORD_KEY, 'true');
  else window.localStorage.removeItem(MUST_CHANGE_PASSWORD_KEY);
};

/** A server-sent-events URL: browsers cannot set headers on an EventSource, so the token rides in the query. */
export const eventStreamUrl = (path: string): string => {
  const token = storedToken();
  return `${API_URL}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token ?? '')}`;
};

/** Who saves and publishes, as versions record it. */
export const storedAuthor = (): string => window.localStorage.getItem(AUTHOR_KEY) || 'designer';
export const storeAuthor = (author: string): void => window.localStorage.setItem(AUTHOR_KEY, author);

/** An API answer outside 2xx, with the machine-readable code and the whole error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
  }

  get details(): ApiErrorDetail[] {
    return this.body?.error.details ?? [];
  }
}

/** One authenticated call to the API; resolves with the JSON body or rejects with an ApiRequestError. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = storedToken();
  let response: Response;
  try {
    response = await fetch(`${API_URL}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK', `The API at ${API_URL} does not answer. Is the platform running?`, null);
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiRequestError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The API answered ${response.status}`, (parsed as ApiErrorBody) ?? null);
  }
  return parsed as T;
}
