import { ApplicationFailure } from '@temporalio/common';
import { redactPii } from '@baton/nlu';
import { ActivityFailure, type ActionRequest, type ActionResponse } from '@baton/workflows';

/** Where action nodes may call and with which credentials: held by the worker, never by flows. */
export interface ActionSettings {
  /** Named base URLs, e.g. `store` -> `http://127.0.0.1:4100`. Flows call `store:/orders/1`. */
  connections: Record<string, string>;
  /** Named secrets that action nodes put into headers. */
  secrets: Record<string, string>;
  /** Largest response body read; larger answers are cut and fail to parse as JSON. */
  maxResponseBytes?: number;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
const CONNECTION_URL = /^([a-z][a-z0-9_-]{0,31}):(\/.*)?$/;

/** A URL path as people (and the redaction rules) read it; left encoded when it does not decode. */
const readable = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

const refuse = (message: string) => ApplicationFailure.create({ type: ActivityFailure.ActionRefused, message, nonRetryable: true });

/**
 * Resolves an action URL. `<connection>:/path` is joined to the connection's base URL; an absolute
 * URL must point at the origin of a configured connection. Anything else is refused, so a flow
 * cannot make the worker call arbitrary hosts.
 */
export function resolveActionUrl(url: string, connections: Record<string, string>): URL {
  const named = CONNECTION_URL.exec(url);
  if (named && named[1] !== 'http' && named[1] !== 'https') {
    const base = connections[named[1]!];
    if (!base) throw refuse(`the action uses connection "${named[1]}", which this worker does not know`);
    const baseUrl = new URL(base);
    const resolved = new URL(`${baseUrl.href.replace(/\/$/, '')}${named[2] ?? ''}`);
    if (resolved.origin !== baseUrl.origin) throw refuse(`the action's path leaves connection "${named[1]}"`);
    return resolved;
  }
  let absolute: URL;
  try {
    absolute = new URL(url);
  } catch {
    // URLs carry what the flow collected (emails, phone numbers): failures, logs and histories get them redacted.
    throw refuse(`the action's URL "${redactPii(url.slice(0, 200)).text}" is not a URL or a <connection>:/path`);
  }
  if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') throw refuse(`the action's URL must be http or https, not ${absolute.protocol}`);
  const allowed = Object.values(connections).some((base) => new URL(base).origin === absolute.origin);
  if (!allowed) throw refuse(`the action calls ${absolute.origin}, which is not one of this worker's connections`);
  return absolute;
}

const readBody = async (response: Response, limit: number): Promise<unknown> => {
  const reader = response.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw ApplicationFailure.create({ type: ActivityFailure.ActionRefused, message: `the answer is larger than ${limit} bytes`, nonRetryable: true });
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Performs the HTTP calls that flows' action nodes ask for. */
export function createActionActivities({ connections, secrets, maxResponseBytes = 1_000_000 }: ActionSettings) {
  return {
    async callAction(request: ActionRequest): Promise<ActionResponse> {
      const url = resolveActionUrl(request.url, connections);
      const headers: Record<string, string> = { accept: 'application/json' };
      for (const header of request.headers) {
        if (!HEADER_NAME.test(header.name)) throw refuse(`"${header.name.slice(0, 64)}" is not a valid header name`);
        const value = secrets[header.secret];
        if (value === undefined) throw refuse(`the action needs secret "${header.secret}", which this worker does not hold`);
        headers[header.name] = value;
      }
      if (request.body !== undefined) {
        let json = true;
        try {
          JSON.parse(request.body);
        } catch {
          json = false;
        }
        headers['content-type'] = json ? 'application/json' : 'text/plain; charset=utf-8';
      }
      const response = await fetch(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutSeconds * 1000),
      });
      const body = await readBody(response, maxResponseBytes);
      if (response.status >= 500) {
        throw ApplicationFailure.create({
          type: ActivityFailure.ActionServerError,
          message: `${request.method} ${url.origin}${redactPii(readable(url.pathname)).text} answered ${response.status}`,
          details: [response.status],
        });
      }
      return { status: response.status, body };
    },
  };
}
