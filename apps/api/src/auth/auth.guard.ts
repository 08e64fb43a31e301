import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@baton/contracts';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { AUTH_KIND, type AuthenticatedRequest, type AuthKind, hasRole, QUERY_TOKEN, ROLES } from './auth.decorators';
import type { Role } from '@baton/contracts';
import { type ChatClaims, ChatTokenService } from './chat-token.service';

export type ChatRequest = Request & { chat: ChatClaims };

const bearer = (request: Request, allowQuery: boolean): string | undefined => {
  const header = request.headers.authorization;
  if (header) return /^Bearer (\S+)$/i.exec(header)?.[1];
  const query = request.query.access_token;
  return allowQuery && typeof query === 'string' ? query : undefined;
};

/** Applied to every route: a route is open only if it says so. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly apiToken: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly chatTokens: ChatTokenService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.apiToken = Buffer.from(config.BATON_API_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
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
    const given = Buffer.from(token);
    if (given.length !== this.apiToken.length || !timingSafeEqual(given, this.apiToken)) {
      throw new ApiError(401, ErrorCode.Unauthenticated, 'the bearer token is not valid');
    }
    const principal = { kind: 'root' as const, id: 'root', name: 'root', roles: ['admin' as const] };
    (request as AuthenticatedRequest).principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (!hasRole(principal, ...roles)) throw new ApiError(403, ErrorCode.Forbidden, 'your role may not do this');
    return true;
  }
}
