import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@baton/contracts';
import { RateLimiter } from '../auth/rate-limiter';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';

/**
 * INBOUND_RATE_LIMIT per conversation (channel + conversationKey), so one runaway sender or a
 * looping bot cannot flood a conversation's workflow. The buckets are in PostgreSQL: however many
 * API replicas the messages reach, a conversation gets the limit once. When the limiter cannot
 * answer (its database fails), the message goes through: a customer's message is worth more than
 * the limit, and the platform's own idempotency still holds.
 */
@Injectable()
export class InboundRateLimit {
  private readonly limiter: RateLimiter;
  private readonly logger = new Logger('InboundRateLimit');

  constructor(db: DataSource, @Inject(API_CONFIG) config: ApiConfig) {
    this.limiter = new RateLimiter(db, 'inbound', config.INBOUND_RATE_LIMIT.limit, config.INBOUND_RATE_LIMIT.windowMs);
  }

  /** Counts a message for the conversation, or refuses it with 429 RATE_LIMITED and Retry-After. */
  async take(channel: string, conversationKey: string): Promise<void> {
    const decision = await this.limiter.take(`${channel}\u0000${conversationKey}`).catch((error: Error) => {
      this.logger.warn(`Inbound rate limit not checked, message let through: ${error.message}`);
      return { allowed: true } as const;
    });
    if (!decision.allowed) {
      throw new ApiError(429, ErrorCode.RateLimited, `too many messages in this conversation; try again in ${decision.retryAfterSeconds} s`, {
        retryAfter: decision.retryAfterSeconds,
      });
    }
  }
}
