import { useSyncExternalStore } from 'react';
import type { MeView } from '@baton/contracts';
import { ApiRequestError, mustChangePassword, storedToken } from '../api/api-client';
import { authApi } from '../api/auth-api';

/** Who is signed in, as GET /auth/me answers; read once per page load and shared by every component. */
export type PrincipalState =
  | { status: 'signed-out' }
  | { status: 'must-change-password' }
  | { status: 'loading' }
  | { status: 'signed-in'; principal: MeView }
  | { status: 'refused'; reason: string }
  | { status: 'error'; message: string };

let state: PrincipalState | null = null;
const listeners = new Set<() => void>();

const set = (next: PrincipalState) => {
  state = next;
  listeners.forEach((listener) => listener());
};

function load(): PrincipalState {
  if (!storedToken()) return { status: 'signed-out' };
  if (mustChangePassword()) return { status: 'must-change-password' };
  authApi.me().then(
    (principal) => set(principal.mustChangePassword ? { status: 'must-change-password' } : { status: 'signed-in', principal }),
    (error: unknown) => {
      if (error instanceof ApiRequestError && error.code === 'PASSWORD_CHANGE_REQUIRED') set({ status: 'must-change-password' });
      else if (error instanceof ApiRequestError && error.status === 401) set({ status: 'refused', reason: 'Your session has ended or the token was refused; sign in again.' });
      else set({ status: 'error', message: (error as Error).message });
    },
  );
  return { status: 'loading' };
}

const snapshot = (): PrincipalState => (state ??= load());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function usePrincipal(): PrincipalState {
  return useSyncExternalStore(subscribe, snapshot);
}
