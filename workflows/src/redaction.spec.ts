import { withoutPii } from './redaction';

describe('withoutPii', () => {
  it('redacts every string, however deep, and keeps the rest', () => {
    expect(
      withoutPii({
        message: 'call me on +44 20 7946 0000',
        seen: { 'vars.email': 'dana@example.com', attempts: 2, tags: ['vip', 'card 4111 1111 1111 1111'] },
        ok: true,
        missing: null,
      }),
    ).toEqual({
      message: 'call me on [phone]',
      seen: { 'vars.email': '[email]', attempts: 2, tags: ['vip', 'card [card]'] },
      ok: true,
      missing: null,
    });
  });

  it('leaves values without personal data as they are', () => {
    const values = { 'signals.intent': 'order_status', status: 200, orderNumber: 'ORD-10042' };
    expect(withoutPii(values)).toEqual(values);
  });
});
