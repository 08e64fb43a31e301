import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOutOfDomain, parseCsv } from './data';

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
