import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config';

export interface ChatClaims {
  conversationKey: string;
  customerId: string;
  expiresAt: number;
}

/**
 * Stateless per-conversation tokens for the web chat: the claims, base64url-encoded, and an
 * HMAC-SHA256 over them. A token opens exactly one web conversation until it expires.
 */
@Injectable()
export class ChatTokenService {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  issue(conversationKey: string, customerId: string, now = Date.now()): string {
    const claims: ChatClaims = { conversationKey, customerId, expiresAt: now + this.config.CHAT_TOKEN_TTL };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string, now = Date.now()): ChatClaims | null {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ChatClaims;
      if (typeof claims.conversationKey !== 'string' || typeof claims.customerId !== 'string') return null;
      return typeof claims.expiresAt === 'number' && claims.expiresAt > now ? claims : null;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.config.CHAT_TOKEN_SECRET).update(payload).digest('base64url');
  }
}
