import type { NluClassification } from '@baton/contracts';
import { groupByLabel, labelledRowsFromCsv, labelledRowsFromJson, parseCsv, slugLabels } from './nlu-files';
import { formatEvaluation, progressBar, scoreEvaluation } from './nlu';

const answer = (label: string, outOfScope = false): NluClassification => ({
  name: 'm',
  version: 3,
  intents: [{ label, confidence: 0.9 }],
  outOfScope,
  oosScore: outOfScope ? 0.9 : 0.1,
  threshold: 0.5,
  refinedBy: null,
});

describe('labelled files', () => {
  it('parses quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('text,label\r\n"a, ""b""",x\n"two\nlines",y\n\n')).toEqual([
      ['text', 'label'],
      ['a, "b"', 'x'],
      ['two\nlines', 'y'],
    ]);
    expect(() => parseCsv('text,label\n"open,x')).toThrow('unterminated quoted field');
  });

  it('reads text and label columns in any order and names a bad line', () => {
    expect(labelledRowsFromCsv('id,label,text\n1,billing, refund please \n')).toEqual([{ text: 'refund please', label: 'billing' }]);
    expect(() => labelledRowsFromCsv('text,tag\nhi,greeting', 'rows.csv')).toThrow('rows.csv needs a header with a text column and a label (or intent, category) column');
    expect(() => labelledRowsFromCsv('text,label\nhi,greeting\n,billing', 'rows.csv')).toThrow('rows.csv line 3');
  });

  it('takes the label from an intent or category column, and puts each utterance on one line', () => {
    const banking = 'text,category\n"I want to transfer money to my account here.\n.",transfer_into_account\n"\ttwo\r\n  lines ",card_arrival\n';
    expect(labelledRowsFromCsv(banking)).toEqual([
      { text: 'I want to transfer money to my account here. .', label: 'transfer_into_account' },
      { text: 'two lines', label: 'card_arrival' },
    ]);
    expect(labelledRowsFromCsv('intent,text,label\nwrong,hi,greeting')).toEqual([{ text: 'hi', label: 'greeting' }]);
    expect(labelledRowsFromJson({ greeting: ['good\nmorning'] })).toEqual([{ text: 'good morning', label: 'greeting' }]);
    expect(labelledRowsFromJson([{ text: ' hi\tthere ', label: 'greeting' }])).toEqual([{ text: 'hi there', label: 'greeting' }]);
  });

  it("reads labels as the API's intent slugs, says which it renamed, and refuses two that would merge", () => {
    const rows = [
      { text: 'a', label: 'Refund_not_showing_up' },
      { text: 'b', label: 'reverted_card_payment?' },
      { text: 'c', label: 'card arrival' },
      { text: 'd', label: 'oos' },
      { text: 'e', label: 'Refund_not_showing_up' },
      { text: 'f', label: '42' },
    ];
    expect(slugLabels(rows, 'train.csv')).toEqual({
      rows: [
        { text: 'a', label: 'refund_not_showing_up' },
        { text: 'b', label: 'reverted_card_payment' },
        { text: 'c', label: 'card_arrival' },
        { text: 'd', label: 'oos' },
        { text: 'e', label: 'refund_not_showing_up' },
        { text: 'f', label: '42' },
      ],
      renamed: [
        ['Refund_not_showing_up', 'refund_not_showing_up'],
        ['reverted_card_payment?', 'reverted_card_payment'],
        ['card arrival', 'card_arrival'],
      ],
    });
    expect(() => slugLabels([{ text: 'a', label: 'Billing' }, { text: 'b', label: 'billing' }], 'train.csv')).toThrow(
      'train.csv: the labels "Billing" and "billing" would both be the intent "billing"',
    );
  });

  it('reads the training-set JSON shapes and groups rows by label', () => {
    const rows = [
      { text: 'hi', label: 'greeting' },
      { text: 'refund', label: 'billing' },
      { text: 'hello', label: 'greeting' },
    ];
    expect(labelledRowsFromJson(rows)).toEqual(rows);
    expect(labelledRowsFromJson({ examples: { greeting: ['hi', 'hello'], billing: ['refund'] } })).toEqual([rows[0], rows[2], rows[1]]);
    expect(labelledRowsFromJson({ greeting: ['hi'] })).toEqual([rows[0]]);
    expect(() => labelledRowsFromJson({ greeting: 'hi' }, 'set.json')).toThrow('set.json: greeting must be an array of strings');
    expect(groupByLabel(rows)).toEqual({ greeting: ['hi', 'hello'], billing: ['refund'] });
  });
});

describe('scoreEvaluation', () => {
  it('counts an out-of-scope verdict on an in-scope row as a miss and scores oos rows apart', () => {
    const rows = [
      { text: 'a', label: 'billing' },
      { text: 'b', label: 'billing' },
      { text: 'c', label: 'billing' },
      { text: 'd', label: 'greeting' },
      { text: 'e', label: 'oos' },
      { text: 'f', label: 'oos' },
    ];
    const report = scoreEvaluation('m', rows, [
      answer('billing'),
      answer('greeting'),
      answer('billing', true),
      answer('greeting'),
      answer('billing', true),
      answer('billing'),
    ]);
    expect(report).toMatchObject({ name: 'm', version: 3, rows: 6, accuracy: 50, outOfScopeRate: 25, oosRows: 2, outOfScopeRecall: 50 });
    expect(report.perIntent).toEqual([
      { label: 'billing', examples: 3, correct: 1, recall: 33.33, confusedWith: [{ label: 'greeting', count: 1 }, { label: 'oos', count: 1 }] },
      { label: 'greeting', examples: 1, correct: 1, recall: 100, confusedWith: [] },
    ]);
    expect(formatEvaluation(report)).toContain('billing                  recall  33.33% (1/3)  confused with greeting x1, oos x1');
  });

  it('does not measure out-of-scope recall without oos rows', () => {
    const report = scoreEvaluation('m', [{ text: 'a', label: 'billing' }], [answer('billing')]);
    expect(report.outOfScopeRecall).toBeNull();
    expect(formatEvaluation(report)).toContain('out-of-scope recall not measured');
  });
});

describe('progressBar', () => {
  it('fills twenty cells in proportion and says the percentage, clamping what is out of range', () => {
    expect(progressBar(0)).toBe('[....................]   0%');
    expect(progressBar(0.25)).toBe('[#####...............]  25%');
    expect(progressBar(1)).toBe('[####################] 100%');
    expect(progressBar(1.7)).toBe(progressBar(1));
    expect(progressBar(-0.2)).toBe(progressBar(0));
    expect(progressBar(Number.NaN)).toBe(progressBar(0));
  });
});
