import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ErrorCode, type Role } from '@baton/contracts';
import { ApiError } from '../common/api-error';
import { AUTH_KIND, type AuthenticatedRequest, type AuthKind, BEFORE_PASSWORD_CHANGE, hasRole, QUERY_TOKEN, ROLES } from './auth.decorators';
import { type ChatClaims, ChatTokenService } from './chat-token.service';
import { CredentialsService } from './credentials.service';

export type ChatRequest = Request & { chat: ChatClaims };

const bearer = (request: Request, allowQuery: boolean): string | undefined => {
  const header = request.headers.authorization;
  if (header) return /^Bearer (\S+)$/i.exec(header)?.[1];
  const query = request.query.access_token;
  return allowQuery && typeof query === 'string' ? query : undefined;
};

/**
 * Applied to every route: a route is open only if it says so. Everyone else needs a bearer token
 * (a session, an API key or the root token) and one of the route's roles; a user still holding a
 * one-time password may only change it, look at their account or sign out.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly chatTokens: ChatTokenService,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, targets) ?? 'principal';
    if (kind === 'public') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearer(request, this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets) ?? false);
    if (!token) throw new ApiError(401, ErrorCode.Unauthenticated, 'a bearer token is required');
    if (kind === 'chat-token') {
      const claims = this.chatTokens.verify(token);
      if (!claims) throw new ApiError(401, ErrorCode.Unauthenticated, 'the chat token is invalid or has expired');
      (request as ChatRequest).chat = claims;
      return true;
    }
    const found = await this.credentials.authenticate(token);
    if (!found) throw new ApiError(401, ErrorCode.Unauthenticated, 'the bearer token is not valid, has expired or was revoked');
    Object.assign(request, found satisfies Pick<AuthenticatedRequest, 'principal' | 'credential'>);
    const { principal, credential } = found;
    if (credential.kind === 'session' && credential.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)) {
      throw new ApiError(403, ErrorCode.PasswordChangeRequired, 'choose your own password first (POST /auth/password)');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (!hasRole(principal, ...roles)) throw new ApiError(403, ErrorCode.Forbidden, 'your role may not do this');
    return true;
  }
}
