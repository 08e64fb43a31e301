import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { type PrincipalView, type Role, ROLES as ALL_ROLES } from '@baton/contracts';

export const AUTH_KIND = 'baton:auth-kind';
export const QUERY_TOKEN = 'baton:query-token';
export const ROLES = 'baton:roles';
export const BEFORE_PASSWORD_CHANGE = 'baton:before-password-change';

/** Who may call a route: anyone (health), a signed-in caller with a role, or the holder of one conversation's chat token. */
export type AuthKind = 'public' | 'principal' | 'chat-token';

export const Public = () => SetMetadata(AUTH_KIND, 'public' satisfies AuthKind);
export const ChatToken = () => SetMetadata(AUTH_KIND, 'chat-token' satisfies AuthKind);
/** Event streams: browsers' EventSource cannot send headers, so the token may come as ?access_token=. */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);

/**
 * The roles that may call a route (on a controller, or a handler to override it). `admin` may call
 * every route; a route that names no role is for admins only.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Any signed-in caller, whatever their roles (their own account, signing out). */
export const AnyRole = () => Roles(...ALL_ROLES);

/** Routes a user who signed in with a one-time password may call before choosing their own. */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** Whoever made the request. */
export type Principal = PrincipalView;

/** How the caller authenticated: a session (which sign-out ends) or a credential without one. */
export type Credential =
  | { kind: 'session'; sessionId: string; expiresAt: Date; mustChangePassword: boolean }
  | { kind: 'api_key' | 'root' };

export type AuthenticatedRequest = Request & { principal: Principal; credential: Credential };

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});

export const hasRole = (principal: Principal, ...roles: Role[]): boolean =>
  principal.roles.includes('admin') || roles.some((role) => principal.roles.includes(role));
