import { keywordTriage, scoreSentiment } from './keyword-triage';
import { findOrderNumbers } from './entities';

const top = (text: string) => keywordTriage(text).intents[0]?.label;

describe('keywordTriage', () => {
  it.each([
    ['Where is my order ORD-10042?', 'order_status'],
    ['Can you track my package please', 'order_status'],
    ['I forgot my password', 'password_reset'],
    ["I can't log in to my account", 'password_reset'],
    ['I want to cancel my subscription', 'cancellation'],
    ['This is unacceptable, I want to complain', 'complaint'],
    ['Let me talk to a real person', 'human_request'],
    ['Hello!', 'greeting'],
    ["Thanks, that's all", 'thanks'],
    ['When will my refund arrive?', 'billing'],
    ['Can I get a VAT invoice for last month', 'billing'],
    ['I need to reschedule my appointment', 'appointment'],
  ])('reads %j as %s', (text, intent) => {
    expect(top(text)).toBe(intent);
  });

  it('finds no intent in unrelated text', () => {
    expect(keywordTriage('What is the capital of Peru?').intents).toEqual([]);
  });

  it('reads several intents in one message, and counts the strong ones as separate requests', () => {
    const signals = keywordTriage('Where is my order ORD-10042, and I forgot my password too');
    expect(signals.intents.map((i) => i.label)).toEqual(expect.arrayContaining(['order_status', 'password_reset']));
    expect(signals.complexity).toBe(2);
    expect(keywordTriage('When will my refund arrive?').complexity).toBe(0);
  });

  it.each([
    ['I lost my job and cannot afford the payments', 'financial_hardship'],
    ['I am in hospital after surgery', 'medical'],
    ['I will contact my lawyer', 'legal'],
    ["I'm desperate and can't cope", 'distress'],
  ])('flags %j as %s', (text, risk) => {
    expect(keywordTriage(text).risks).toContain(risk);
  });

  it('extracts order numbers and emails', () => {
    const signals = keywordTriage('order #10042 and ORD-20077, mail me at ana@example.com');
    expect(signals.entities).toEqual({ orderNumbers: ['ORD-10042', 'ORD-20077'], emails: ['ana@example.com'] });
  });

  it.each(['', '🙂🙂🙂', '<script>alert(1)</script>', '\u0000\u0007\u001b', 'x'.repeat(100_000)])(
    'never throws on odd input %#',
    (text) => {
      expect(() => keywordTriage(text)).not.toThrow();
    },
  );
});

describe('scoreSentiment', () => {
  it('is neutral without sentiment words', () => expect(scoreSentiment('Where is my order?')).toBe(0));
  it('is positive for praise', () => expect(scoreSentiment('Great, thanks, that was helpful')).toBeGreaterThan(0.5));
  it('is strongly negative for anger, more so when shouted', () => {
    const calm = scoreSentiment('This is terrible and useless, I hate it');
    expect(calm).toBeLessThanOrEqual(-0.6);
    expect(scoreSentiment('THIS IS TERRIBLE AND USELESS, I HATE IT!!')).toBeLessThan(calm);
  });
});

describe('findOrderNumbers', () => {
  it('normalises the forms customers type', () => {
    expect(findOrderNumbers('ord 10042, order number: 10043, #10044')).toEqual(['ORD-10042', 'ORD-10043', 'ORD-10044']);
  });
});
