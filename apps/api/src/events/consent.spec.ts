import { consents } from '@baton/db';

describe('consents', () => {
  it('allows what nothing withholds', () => {
    expect(consents({}, 'sms', 'payment.due')).toBe(true);
    expect(consents({ sms: true, payment: true }, 'sms', 'payment.due')).toBe(true);
  });

  it.each<[Record<string, boolean>, string]>([
    [{ sms: false }, 'a channel'],
    [{ payment: false }, 'a topic (the first word of the event type)'],
    [{ 'sms:payment': false }, 'a channel for a topic'],
  ])('withholds by %j: %s', (consent, _meaning) => {
    expect(consents(consent, 'sms', 'payment.due')).toBe(false);
  });

  it('keeps other channels and topics open', () => {
    expect(consents({ 'sms:payment': false }, 'email', 'payment.due')).toBe(true);
    expect(consents({ 'sms:payment': false }, 'sms', 'shipment.delayed')).toBe(true);
  });
});
