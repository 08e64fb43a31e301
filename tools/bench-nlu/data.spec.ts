import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadClinc150, loadOutOfDomain, parseCsv } from './data';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF rows', () => {
    const src = 'text,category\r\n"I said ""hi"", then left",greeting\r\n"two\nlines",other\r\nplain,x';
    expect(parseCsv(src)).toEqual([
      ['text', 'category'],
      ['I said "hi", then left', 'greeting'],
      ['two\nlines', 'other'],
      ['plain', 'x'],
    ]);
  });

  it('skips blank lines and keeps a trailing empty field', () => {
    expect(parseCsv('a,b\n\n1,\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });
});

describe('loadOutOfDomain', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ood-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes each dialog's opening turn, file by file, trimmed and without repeats", () => {
    fs.writeFileSync(
      path.join(dir, 'b-trivia.yml'),
      'categories:\n- trivia\nconversations:\n- - What is the capital of France?\n  - Paris.\n- - "  tell me a joke "\n  - No.\n',
    );
    fs.writeFileSync(
      path.join(dir, 'a-humor.yml'),
      'conversations:\n- - Tell me a joke\n  - Why did the chicken cross the road?\n- - 42\n  - a number is no question\n- - ""\n  - empty\n- []\n',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a dialog file');
    expect(loadOutOfDomain(dir)).toEqual(['Tell me a joke', 'What is the capital of France?']);
  });

  it('refuses a folder without dialog files, and a file that is not a list of dialogs', () => {
    expect(() => loadOutOfDomain(dir)).toThrow('no .yml dialog files');
    fs.writeFileSync(path.join(dir, 'broken.yml'), 'conversations: just text\n');
    expect(() => loadOutOfDomain(dir)).toThrow('broken.yml: expected a list of conversations');
  });
});

describe('loadClinc150', () => {
  let dir: string;
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'data_full.json'), JSON.stringify(doc));
  const valid = {
    train: [['what is my balance', 'balance']],
    val: [['ignored', 'balance']],
    test: [['how much money do i have', 'balance']],
    oos_train: [['who won the match', 'oos']],
    oos_test: [['play some jazz', 'oos'], ['how tall is everest', 'oos']],
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinc-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the in-scope splits as rows and the out-of-scope splits as queries', () => {
    write(valid);
    expect(loadClinc150(dir)).toEqual({
      train: [{ text: 'what is my balance', label: 'balance' }],
      test: [{ text: 'how much money do i have', label: 'balance' }],
      oosTrain: ['who won the match'],
      oosTest: ['play some jazz', 'how tall is everest'],
    });
  });

  it('refuses a missing split, a malformed pair, and labels in the wrong split', () => {
    write({ ...valid, oos_test: undefined });
    expect(() => loadClinc150(dir)).toThrow('"oos_test" is not a list of [text, label] pairs');
    write({ ...valid, test: [['how much', 'balance', 'extra']] });
    expect(() => loadClinc150(dir)).toThrow('test[0] is not a [text, label] pair');
    write({ ...valid, train: [['what is my balance', 'balance'], ['sing', 'oos']] });
    expect(() => loadClinc150(dir)).toThrow('train[1] is labelled "oos"');
    write({ ...valid, oos_train: [['what is my balance', 'balance']] });
    expect(() => loadClinc150(dir)).toThrow('oos_train[0] is labelled "balance", not "oos"');
  });
});
