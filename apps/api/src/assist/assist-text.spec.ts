import { excerpt, messageToAnswer, suggestedReply } from './assist-text';

describe('excerpt', () => {
  it('keeps short text whole, with its whitespace tidied', () => {
    expect(excerpt('  Refunds take\n5 to 10 days.  ')).toBe('Refunds take 5 to 10 days.');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(200);
    const cut = excerpt(text, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/^(word )*word…$/);
  });

  it('cuts inside a word only when there is no space in the second half', () => {
    expect(excerpt('a'.repeat(60), 20)).toBe(`${'a'.repeat(19)}…`);
  });

  it('drops punctuation left before the ellipsis', () => {
    expect(excerpt('one, two, three, four, five', 12)).toBe('one, two…');
  });
});

describe('suggestedReply', () => {
  it('acknowledges the wait, answers, and offers more help', () => {
    expect(suggestedReply(' Card refunds take 5 to 10 business days. ')).toBe(
      'Thanks for waiting. Card refunds take 5 to 10 business days.\n\nIs there anything else I can help you with?',
    );
  });
});

describe('messageToAnswer', () => {
  const evaluation = (message: string, confidence: number, floor = 0.6) => ({ message, confidence, floor });

  it('takes the newest message answered confidently', () => {
    expect(messageToAnswer([evaluation('person please', 0.1), evaluation('refund?', 0.98), evaluation('invoice?', 0.9)])?.message).toBe('refund?');
  });

  it('respects each message its own floor', () => {
    expect(messageToAnswer([evaluation('a', 0.5, 0.4), evaluation('b', 0.9)])?.message).toBe('a');
  });

  it('falls back to the newest message any article matches', () => {
    expect(messageToAnswer([evaluation('a', 0), evaluation('b', 0.3), evaluation('c', 0.5)])?.message).toBe('b');
  });

  it('falls back to the newest message when nothing matches, and to none without messages', () => {
    expect(messageToAnswer([evaluation('a', 0), evaluation('b', 0)])?.message).toBe('a');
    expect(messageToAnswer([])).toBeNull();
  });
});
