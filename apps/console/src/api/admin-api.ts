import type { ApiKeyView, CreateApiKey, CreatedApiKeyView, CreatedUserView, CreateUser, UpdateUser, UserView } from '@baton/contracts';
import { apiRequest } from './api-client';

/** What the admin screens call: users and API keys. */
export const adminApi = {
  users: () => apiRequest<UserView[]>('GET', '/users'),
  createUser: (body: CreateUser) => apiRequest<CreatedUserView>('POST', '/users', body),
  updateUser: (id: string, body: UpdateUser) => apiRequest<UserView>('PATCH', `/users/${encodeURIComponent(id)}`, body),
  apiKeys: () => apiRequest<ApiKeyView[]>('GET', '/api-keys'),
  createApiKey: (body: CreateApiKey) => apiRequest<CreatedApiKeyView>('POST', '/api-keys', body),
  revokeApiKey: (id: string) => apiRequest<void>('DELETE', `/api-keys/${encodeURIComponent(id)}`),
};
