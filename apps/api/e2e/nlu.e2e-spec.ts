import { api } from './support/platform-client';

describe('POST /nlu/triage', () => {
  it('answers the signals triage reads in a message and stores nothing', async () => {
    const answer = await api('POST', '/nlu/triage', { text: 'I want to cancel my subscription, where is ORD-10042?' });
    expect(answer.status).toBe(200);
    expect(answer.body.intents.map((intent: { label: string }) => intent.label)).toEqual(expect.arrayContaining(['cancellation', 'order_status']));
    expect(answer.body.entities.orderNumbers).toEqual(['ORD-10042']);
    expect(typeof answer.body.sentiment).toBe('number');
    expect(answer.body.risks).toEqual([]);
  });

  it('refuses bad input with a code naming the problem', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'MISSING_FIELD'],
      [{ text: '   ' }, 400, 'MESSAGE_EMPTY'],
      [{ text: 42 }, 400, 'INVALID_FIELD'],
      [{ text: 'hi', extra: true }, 400, 'UNKNOWN_FIELD'],
      [{ text: 'a'.repeat(8193) }, 413, 'MESSAGE_TOO_LONG'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await api('POST', '/nlu/triage', body);
      expect([body, answer.status, answer.body.error.code]).toEqual([body, status, code]);
    }
  });

  it('needs the API token', async () => {
    expect((await api('POST', '/nlu/triage', { text: 'hi' }, { token: null })).status).toBe(401);
  });
});
