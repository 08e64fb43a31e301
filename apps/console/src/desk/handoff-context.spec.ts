import type { DecisionRecord } from '@baton/contracts';
import { escalationDecisions, latestIntent, sentimentLabel, sentimentTrend } from './handoff-context';

const decision = (rule: string, values: Record<string, unknown>): DecisionRecord => ({ at: '2026-12-04T10:00:00Z', stage: 'ai_handling', rule, action: 'next', values });
const classify = (sentiment: number, intent = 'refund_status', confidence = 0.8) => decision('classify', { intent, confidence, sentiment, sentimentShift: 0, risks: [] });

describe('the handoff context', () => {
  const decisions = [classify(0.2), decision('Cancellation', { 'signals.intent': 'cancellation' }), classify(-0.3), classify(-0.6, 'talk_to_person', 0.93)];

  it("reads the sentiment of each customer message from triage's decisions, oldest first", () => {
    expect(sentimentTrend({ decisions, signals: null })).toEqual([0.2, -0.3, -0.6]);
  });

  it("prefers the sentiment triage stored with each of the customer's messages", () => {
    const message = (seq: number, role: 'customer' | 'ai', sentiment?: number) => ({ id: `m${seq}`, seq, role, author: null, text: 't', createdAt: '2026-12-04T10:00:00Z', ...(sentiment === undefined ? {} : { sentiment }) });
    const messages = [message(1, 'customer', 0.1), message(2, 'ai'), message(3, 'customer', -0.4), message(4, 'customer', -0.7)];
    expect(sentimentTrend({ decisions, signals: null }, messages)).toEqual([0.1, -0.4, -0.7]);
    expect(sentimentTrend({ decisions, signals: null }, [message(2, 'ai')])).toEqual([0.2, -0.3, -0.6]);
  });

  it('falls back to the last signals when no decision recorded a sentiment', () => {
    expect(sentimentTrend({ decisions: [], signals: { intents: [], sentiment: -0.2, risks: [], entities: { orderNumbers: [], emails: [] } } })).toEqual([-0.2]);
    expect(sentimentTrend({ decisions: [], signals: null })).toEqual([]);
  });

  it('gives the latest intent with its confidence', () => {
    expect(latestIntent({ decisions, signals: null })).toEqual({ label: 'talk_to_person', confidence: 0.93 });
    expect(latestIntent({ decisions, signals: { intents: [{ label: 'cancellation', confidence: 0.7 }], sentiment: 0, risks: [], entities: { orderNumbers: [], emails: [] } } })).toEqual({
      label: 'cancellation',
      confidence: 0.7,
    });
  });

  it('explains the escalation with the rules that fired, not the readings of each message', () => {
    expect(escalationDecisions({ decisions }).map((d) => d.rule)).toEqual(['Cancellation']);
  });

  it('names sentiment in words', () => {
    expect([-0.8, -0.3, 0, 0.3, 0.9].map(sentimentLabel)).toEqual(['very negative', 'negative', 'neutral', 'positive', 'very positive']);
  });
});
