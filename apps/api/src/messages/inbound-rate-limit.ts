import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@baton/contracts';
import { RateLimiter } from '../auth/rate-limiter';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';

/**
 * INBOUND_RATE_LIMIT per conversation (channel + conversationKey), so one runaway sender or a
 * looping bot cannot flood a conversation's workflow. Kept in this process's memory for up to
 * 100,000 conversations (least recently active forgotten first): with N API replicas behind a
 * load balancer a conversation may get up to N times the limit.
 */
@Injectable()
export class InboundRateLimit {
  private readonly limiter: RateLimiter;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.limiter = new RateLimiter(config.INBOUND_RATE_LIMIT.limit, config.INBOUND_RATE_LIMIT.windowMs);
  }

  /** Counts a message for the conversation, or refuses it with 429 RATE_LIMITED and Retry-After. */
  take(channel: string, conversationKey: string): void {
    const decision = this.limiter.take(`${channel}\u0000${conversationKey}`);
    if (!decision.allowed) {
      throw new ApiError(429, ErrorCode.RateLimited, `too many messages in this conversation; try again in ${decision.retryAfterSeconds} s`, {
        retryAfter: decision.retryAfterSeconds,
      });
    }
  }
}
