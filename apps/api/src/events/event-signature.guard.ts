import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@baton/contracts';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';

/** How far a signature's timestamp may be from now: replayed requests older than this are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the scheme Baton signs its own webhooks with. */
export function verifyEventSignature(secret: string, header: string | undefined, rawBody: Buffer, nowSeconds: number): string | null {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return 'X-Baton-Signature is missing or not t=<unix seconds>,v1=<hex HMAC-SHA256>';
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return `the signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from now`;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) ? null : 'the signature does not match the body';
}

/**
 * Requires X-Baton-Signature over the raw body when the route's secret is configured (and nothing
 * when it is not). Each signed route has its own secret, so one leaked secret opens one route.
 */
abstract class SignatureGuard implements CanActivate {
  protected abstract readonly secret: string | undefined;

  canActivate(context: ExecutionContext): boolean {
    const secret = this.secret;
    if (!secret) return true;
    const request = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    const problem = verifyEventSignature(secret, request.header('x-baton-signature'), request.rawBody ?? Buffer.alloc(0), Math.floor(Date.now() / 1000));
    if (problem) throw new ApiError(401, ErrorCode.SignatureInvalid, problem);
    return true;
  }
}

/**
 * When EVENTS_SIGNING_SECRET is set, business events must be signed by the system that sends them
 * (on top of the bearer token), so that a leaked token alone cannot start outreach to customers.
 */
@Injectable()
export class EventSignatureGuard extends SignatureGuard {
  protected readonly secret: string | undefined;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super();
    this.secret = config.EVENTS_SIGNING_SECRET;
  }
}

/**
 * When INBOUND_SIGNING_SECRET is set, inbound customer messages must be signed by the channel
 * gateway that delivers them, so that a leaked API key alone cannot speak for customers.
 */
@Injectable()
export class InboundSignatureGuard extends SignatureGuard {
  protected readonly secret: string | undefined;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super();
    this.secret = config.INBOUND_SIGNING_SECRET;
  }
}
