import { apiConfigSchema } from '../config';
import { ChatTokenService } from './chat-token.service';

const config = apiConfigSchema.parse({
  DATABASE_URL: 'postgres://h/db',
  BATON_API_TOKEN: 'a'.repeat(20),
  CHAT_TOKEN_SECRET: 's'.repeat(40),
  CHAT_TOKEN_TTL: '1h',
});
const tokens = new ChatTokenService(config);
const now = 1_800_000_000_000;

describe('ChatTokenService', () => {
  it('verifies the tokens it issues, with their claims', () => {
    const token = tokens.issue('web-1', 'cus_1', now);
    expect(tokens.verify(token, now + 1000)).toEqual({ conversationKey: 'web-1', customerId: 'cus_1', expiresAt: now + 3_600_000 });
  });

  it('refuses an expired token', () => {
    expect(tokens.verify(tokens.issue('web-1', 'cus_1', now), now + 3_600_001)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    const other = new ChatTokenService({ ...config, CHAT_TOKEN_SECRET: 't'.repeat(40) });
    expect(tokens.verify(other.issue('web-1', 'cus_1', now), now)).toBeNull();
  });

  it('refuses changed claims and malformed tokens', () => {
    const [, signature] = tokens.issue('web-1', 'cus_1', now).split('.');
    const forged = Buffer.from(JSON.stringify({ conversationKey: 'web-2', customerId: 'cus_1', expiresAt: now + 1e9 })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, '', '.', 'abc', 'a.b.c', `${forged}.${'x'.repeat(43)}`]) {
      expect(tokens.verify(bad, now)).toBeNull();
    }
  });
});
