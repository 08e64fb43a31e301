import { SetMetadata } from '@nestjs/common';

export const AUTH_KIND = 'baton:auth-kind';
export const QUERY_TOKEN = 'baton:query-token';

/** Who may call a route: anyone (health), the integration token, or the holder of one conversation's chat token. */
export type AuthKind = 'public' | 'api-token' | 'chat-token';

export const Public = () => SetMetadata(AUTH_KIND, 'public' satisfies AuthKind);
export const ChatToken = () => SetMetadata(AUTH_KIND, 'chat-token' satisfies AuthKind);
/** Event streams: browsers' EventSource cannot send headers, so the token may come as ?access_token=. */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);
