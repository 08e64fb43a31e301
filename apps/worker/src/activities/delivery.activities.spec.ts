import { createHmac } from 'node:crypto';
import { signWebhook } from './delivery.activities';

describe('signWebhook', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as receivers check it', () => {
    const body = '{"text":"hi"}';
    const expected = createHmac('sha256', 'secret-0123456789ab').update(`1764860000.${body}`).digest('hex');
    expect(signWebhook('secret-0123456789ab', body, 1764860000)).toBe(`t=1764860000,v1=${expected}`);
  });

  it('changes with the body, the time and the secret', () => {
    const base = signWebhook('secret-0123456789ab', 'a', 1);
    expect(signWebhook('secret-0123456789ab', 'b', 1)).not.toBe(base);
    expect(signWebhook('secret-0123456789ab', 'a', 2)).not.toBe(base);
    expect(signWebhook('other-secret-0123456', 'a', 1)).not.toBe(base);
  });
});
