import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { PrincipalView, Role } from '@baton/contracts';

export const AUTH_KIND = 'baton:auth-kind';
export const QUERY_TOKEN = 'baton:query-token';
export const ROLES = 'baton:roles';

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

/** Whoever made the request. */
export type Principal = PrincipalView;
export type AuthenticatedRequest = Request & { principal: Principal };

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});

export const hasRole = (principal: Principal, ...roles: Role[]): boolean =>
  principal.roles.includes('admin') || roles.some((role) => principal.roles.includes(role));
