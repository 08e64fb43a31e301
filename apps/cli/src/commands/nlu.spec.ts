import type { NluClassification } from '@baton/contracts';
import { groupByLabel, labelledRowsFromCsv, labelledRowsFromJson, parseCsv } from './nlu-files';
import { formatEvaluation, scoreEvaluation } from './nlu';

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
    expect(() => labelledRowsFromCsv('text,intent\nhi,greeting', 'rows.csv')).toThrow('rows.csv needs a header with text and label columns');
    expect(() => labelledRowsFromCsv('text,label\nhi,greeting\n,billing', 'rows.csv')).toThrow('rows.csv line 3');
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
