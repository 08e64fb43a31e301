import type { ChangePassword, Login, MeView, SessionView } from '@baton/contracts';
import { apiRequest } from './api-client';

/** Sign-in, sign-out and who is signed in. */
export const authApi = {
  login: (body: Login) => apiRequest<SessionView>('POST', '/auth/login', body),
  logout: () => apiRequest<void>('POST', '/auth/logout'),
  me: () => apiRequest<MeView>('GET', '/auth/me'),
  changePassword: (body: ChangePassword) => apiRequest<void>('POST', '/auth/password', body),
};
