import { ApiRequestError } from '../api/api-client';
import { RequireToken } from './RequireToken';

/** Whether the API refused the token: the session ended or the key was revoked. */
export const sessionEnded = (error: unknown): boolean => error instanceof ApiRequestError && error.status === 401;

/** The sign-in form again, for a page whose token the API has just refused. */
export function SessionEnded() {
  return <RequireToken reason="Your session has ended; sign in again.">{null}</RequireToken>;
}
