import type { Signals } from '@baton/contracts';
import { assistFlags, cancellationRisk, complianceTopic, type CustomerMessage, piiShared, sentimentDropping, sentimentTrend } from './assist-flags';

let seq = 0;
/** A customer message with neutral signals unless told otherwise. */
const msg = (text: string, signals: Partial<Signals> = {}): CustomerMessage => {
  seq += 2;
  return {
    id: `m${seq}`,
    seq,
    text,
    signals: { intents: [], sentiment: 0, risks: [], entities: { orderNumbers: [], emails: [] }, ...signals },
  };
};
const withSentiments = (...sentiments: number[]) => sentiments.map((sentiment, i) => msg(`message ${i}`, { sentiment }));

describe('sentimentTrend', () => {
  it('needs two messages', () => {
    expect(sentimentTrend([])).toBeNull();
    expect(sentimentTrend([-0.9])).toBeNull();
  });

  it('drops when the last is at least 0.3 below the first', () => {
    expect(sentimentTrend([0.5, 0.2])).toEqual({ first: 0.5, last: 0.2, change: -0.3, dropping: true });
    // 0.7 - 0.4 is 0.29999999999999993 in floating point: the rule reads two decimals.
    expect(sentimentTrend([0.7, 0.4])?.dropping).toBe(true);
    expect(sentimentTrend([0, 0.5, -0.4])).toEqual({ first: 0, last: -0.4, change: -0.4, dropping: true });
  });

  it('does not drop on a smaller fall that stays positive', () => {
    expect(sentimentTrend([0.5, 0.21])).toEqual({ first: 0.5, last: 0.21, change: -0.29, dropping: false });
  });

  it('compares the first with the last, not the lowest in between', () => {
    expect(sentimentTrend([0.2, -0.8, 0.1])?.dropping).toBe(false);
  });

  it('drops when the last two are negative, however small the fall', () => {
    expect(sentimentTrend([-0.3, -0.2])).toEqual({ first: -0.3, last: -0.2, change: 0.1, dropping: true });
    expect(sentimentTrend([0, -0.1, -0.1])?.dropping).toBe(true);
  });

  it('does not drop when only the last is negative and the fall is small', () => {
    expect(sentimentTrend([0, -0.2])?.dropping).toBe(false);
    expect(sentimentTrend([-0.5, 0, -0.1])?.dropping).toBe(false);
  });

  it('does not drop when sentiment rises or holds', () => {
    expect(sentimentTrend([-0.6, 0.4])?.dropping).toBe(false);
    expect(sentimentTrend([0, 0, 0])?.dropping).toBe(false);
  });
});

describe('sentimentDropping', () => {
  it('gives the figures and the messages compared when sentiment fell', () => {
    const messages = withSentiments(0.4, 0, 0.1, -0.1);
    const flag = sentimentDropping(messages);
    expect(flag).toEqual({
      kind: 'sentiment_dropping',
      reason: "Sentiment fell from 0.4 in the customer's first message to -0.1 in the last (-0.5).",
      messages: [messages[0], messages[2], messages[3]].map(({ id, seq }) => ({ id, seq })),
      first: 0.4,
      last: -0.1,
      change: -0.5,
      recent: [0, 0.1, -0.1],
    });
  });

  it('says so when the last two messages are negative', () => {
    const messages = withSentiments(-0.2, -0.3);
    const flag = sentimentDropping(messages);
    expect(flag?.reason).toBe("The customer's last two messages are negative (-0.2, -0.3).");
    // The first message is one of the last two: listed once.
    expect(flag?.messages).toHaveLength(2);
  });

  it('is not raised for a steady conversation or a single message', () => {
    expect(sentimentDropping(withSentiments(0.2, 0.1, 0.2))).toBeNull();
    expect(sentimentDropping(withSentiments(-1))).toBeNull();
    expect(sentimentDropping([])).toBeNull();
  });
});

describe('cancellationRisk', () => {
  it('flags a cancellation intent at or above the intent floor', () => {
    const messages = [msg('hello'), msg('I want to cancel my subscription', { intents: [{ label: 'cancellation', confidence: 0.9 }] })];
    expect(cancellationRisk(messages)).toEqual({
      kind: 'cancellation_risk',
      reason: 'The customer wants to cancel (one message of the last 2): a retention-critical moment.',
      messages: [{ id: messages[1]!.id, seq: messages[1]!.seq }],
      cancellationConfidence: 0.9,
      lowestSentiment: null,
    });
    expect(cancellationRisk([msg('x', { intents: [{ label: 'cancellation', confidence: 0.5 }] })])).not.toBeNull();
  });

  it('ignores a cancellation intent below the floor, as a second guess', () => {
    const unsure = msg('cancel?', { intents: [{ label: 'order_status', confidence: 0.8 }, { label: 'cancellation', confidence: 0.49 }] });
    expect(cancellationRisk([unsure])).toBeNull();
  });

  it('reads the intent even when it is not the top one', () => {
    const second = msg('where is my order, or I cancel', { intents: [{ label: 'order_status', confidence: 0.9 }, { label: 'cancellation', confidence: 0.6 }] });
    expect(cancellationRisk([second])?.cancellationConfidence).toBe(0.6);
  });

  it('flags a cancellation risk label', () => {
    expect(cancellationRisk([msg('x', { risks: ['cancellation'] })])?.cancellationConfidence).toBe(0);
  });

  it('flags strong dissatisfaction: sentiment at or below -0.6, or a complaint', () => {
    const angry = msg('this is the worst, unacceptable', { sentiment: -0.6 });
    expect(cancellationRisk([angry])).toMatchObject({
      reason: 'The customer is strongly dissatisfied (lowest sentiment -0.6): a retention-critical moment.',
      lowestSentiment: -0.6,
      cancellationConfidence: null,
    });
    expect(cancellationRisk([msg('meh', { sentiment: -0.59 })])).toBeNull();
    expect(cancellationRisk([msg('I want to complain', { intents: [{ label: 'complaint', confidence: 0.7 }] })])).not.toBeNull();
  });

  it('names both when the customer is unhappy and wants to cancel', () => {
    const messages = [
      msg('terrible service', { sentiment: -0.8 }),
      msg('cancel my account', { intents: [{ label: 'cancellation', confidence: 0.99 }], sentiment: -0.7 }),
    ];
    const flag = cancellationRisk(messages);
    expect(flag?.reason).toBe('The customer wants to cancel (one message of the last 2) and is strongly dissatisfied (lowest sentiment -0.8): a retention-critical moment.');
    expect(flag?.messages.map((m) => m.seq)).toEqual(messages.map((m) => m.seq));
  });

  it('reads only the last three customer messages', () => {
    const old = msg('cancel it', { intents: [{ label: 'cancellation', confidence: 0.9 }] });
    expect(cancellationRisk([old, msg('a'), msg('b'), msg('c')])).toBeNull();
    expect(cancellationRisk([old, msg('a'), msg('b')])).not.toBeNull();
  });
});

describe('complianceTopic', () => {
  it('flags legal, medical and financial hardship risks anywhere in the conversation, in a fixed order', () => {
    const messages = [
      msg('I lost my job', { risks: ['financial_hardship'] }),
      msg('a'),
      msg('b'),
      msg('c'),
      msg('my lawyer will hear of this', { risks: ['legal', 'distress'] }),
    ];
    expect(complianceTopic(messages)).toEqual({
      kind: 'compliance_topic',
      reason: 'The customer raised legal and financial hardship matters: follow the compliance guidance and hand over to licensed staff where required.',
      messages: [messages[0], messages[4]].map((m) => ({ id: m!.id, seq: m!.seq })),
      topics: ['legal', 'financial_hardship'],
    });
  });

  it('flags a medical topic and a generic regulated one', () => {
    expect(complianceTopic([msg('x', { risks: ['medical'] })])?.topics).toEqual(['medical']);
    expect(complianceTopic([msg('x', { risks: ['regulated'] })])?.topics).toEqual(['regulated']);
  });

  it('leaves other risks to other rules', () => {
    expect(complianceTopic([msg('I am desperate', { risks: ['distress'] })])).toBeNull();
    expect(complianceTopic([])).toBeNull();
  });
});

describe('piiShared', () => {
  it('names the kinds and counts of personal data, never the data', () => {
    const messages = [
      msg('my card is 4111 1111 1111 1111'),
      msg('where is my order?'),
      msg('write to ana@example.com or ana.pereira@example.org, or call +44 20 7946 0958'),
    ];
    const flag = piiShared(messages);
    expect(flag).toEqual({
      kind: 'pii_shared',
      reason: 'The customer shared a card number, 2 email addresses and a phone number in 2 messages: do not repeat it in replies or notes.',
      messages: [messages[0], messages[2]].map((m) => ({ id: m!.id, seq: m!.seq })),
      found: { card: 1, email: 2, phone: 1 },
    });
    const serialised = JSON.stringify(flag);
    for (const secret of ['4111', 'ana@', 'example', '7946']) expect(serialised).not.toContain(secret);
  });

  it('recognises national ids and IBANs', () => {
    expect(piiShared([msg('my SSN is 123-45-6789')])?.found).toEqual({ national_id: 1 });
    expect(piiShared([msg('NI number AB 12 34 56 C')])?.found).toEqual({ national_id: 1 });
    expect(piiShared([msg('pay into GB82 WEST 1234 5698 7654 32')])?.found).toEqual({ iban: 1 });
  });

  it('does not take order numbers, dates or times for personal data', () => {
    expect(piiShared([msg('Order ORD-10042 on 2026-03-04 at 10:30'), msg('delivered 04/03/2026, 2 parcels')])).toBeNull();
  });
});

describe('assistFlags', () => {
  it('gives no flags for a calm, plain conversation', () => {
    expect(assistFlags([msg('Where is my order ORD-10042?'), msg('thanks', { sentiment: 0.5 })])).toEqual([]);
    expect(assistFlags([])).toEqual([]);
  });

  it('lists every rule that applies, in a fixed order', () => {
    const messages = [
      msg('hi', { sentiment: 0.3 }),
      msg('my lawyer says this is unacceptable, cancel it, my email is a@b.co', {
        intents: [{ label: 'cancellation', confidence: 0.9 }],
        risks: ['legal'],
        sentiment: -0.7,
      }),
    ];
    expect(assistFlags(messages).map((flag) => flag.kind)).toEqual(['cancellation_risk', 'compliance_topic', 'pii_shared', 'sentiment_dropping']);
  });
});
