import { redactPii } from './pii';

describe('redactPii', () => {
  it.each([
    ['My card is 4111 1111 1111 1111, exp 12/28', 'My card is [card], exp 12/28', { card: 1 }],
    ['card 4111-1111-1111-1111', 'card [card]', { card: 1 }],
    ['write to ana.pereira@example.com please', 'write to [email] please', { email: 1 }],
    ['call me on +44 20 7946 0000', 'call me on [phone]', { phone: 1 }],
    ['my SSN is 078-05-1120', 'my SSN is [national_id]', { national_id: 1 }],
    ['NI number AB 12 34 56 C', 'NI number [national_id]', { national_id: 1 }],
    ['IBAN DE89 3704 0044 0532 0130 00 for the refund', 'IBAN [iban] for the refund', { iban: 1 }],
  ])('redacts %j', (text, redacted, found) => {
    expect(redactPii(text)).toEqual({ text: redacted, found });
  });

  it('leaves order numbers, amounts, dates and times alone', () => {
    const text = 'Order ORD-10042 of $129.00 on 2026-12-09 (09.12.2026) at 10:30, ref #10042';
    expect(redactPii(text)).toEqual({ text, found: {} });
  });

  it('does not take a number that fails the card checksum for a card', () => {
    expect(redactPii('ticket 1234 5678 9012 3456').found.card).toBeUndefined();
  });

  it('counts several of a kind', () => {
    expect(redactPii('a@b.io or c@d.io').found).toEqual({ email: 2 });
  });
});
