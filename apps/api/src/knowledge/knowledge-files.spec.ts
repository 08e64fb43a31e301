import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseKnowledgeMarkdown, readKnowledgeFolder } from './knowledge-files';

describe('parseKnowledgeMarkdown', () => {
  it('reads each "## " heading as an article with its tags line and its body', () => {
    const text = [
      '# Billing',
      '',
      'Introduction, not an article.',
      '',
      '## How do refunds work?',
      'Tags: refunds, payments , ',
      '',
      'First paragraph.',
      '',
      '### A sub-heading stays in the body',
      'Second paragraph.',
      '',
      '## Invoices',
      '',
      'Tags: invoices',
      'Every order has an invoice.',
      '## No tags',
      'The tags line must come first:',
      'Tags: not tags',
    ].join('\r\n');
    expect(parseKnowledgeMarkdown('billing.md', text)).toEqual([
      { title: 'How do refunds work?', tags: ['refunds', 'payments'], body: 'First paragraph.\n\n### A sub-heading stays in the body\nSecond paragraph.' },
      { title: 'Invoices', tags: ['invoices'], body: 'Every order has an invoice.' },
      { title: 'No tags', tags: [], body: 'The tags line must come first:\nTags: not tags' },
    ]);
  });

  it('lists every problem with its file and line', () => {
    const text = ['## Empty', '', '## ' + 'x'.repeat(201), 'Body.', '## Twice', 'One.', '## twice', 'Two.', '## Bad\u0007title', 'Body.'].join('\n');
    expect(() => parseKnowledgeMarkdown('faq.md', text)).toThrow(
      [
        'Invalid knowledge file faq.md:',
        '  faq.md:1: body must not be empty',
        '  faq.md:3: title must be at most 200 characters',
        '  faq.md:7: the title "twice" is already used on line 5',
        '  faq.md:9: title must be one line without control characters',
      ].join('\n'),
    );
  });

  it('refuses a file without articles', () => {
    expect(() => parseKnowledgeMarkdown('empty.md', '# Only a title\n\nSome text.')).toThrow('empty.md: no articles');
  });
});

describe('readKnowledgeFolder', () => {
  it('reads the shipped knowledge bases', async () => {
    const files = await readKnowledgeFolder(path.join(__dirname, '../../../../knowledge'));
    const byName = new Map(files!.map((file) => [file.knowledgeBase, file]));
    expect(byName.get('billing')?.articles.length).toBeGreaterThanOrEqual(8);
    expect(byName.get('faq')?.articles.length).toBeGreaterThanOrEqual(6);
    expect(byName.get('billing')?.articles.map((article) => article.title)).toContain('When will my refund arrive?');
  });

  it('answers null for a missing folder and refuses a file whose name is not a knowledge base name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-knowledge-'));
    try {
      expect(await readKnowledgeFolder(path.join(dir, 'missing'))).toBeNull();
      writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
      writeFileSync(path.join(dir, 'ok.md'), '## A\nB');
      expect(await readKnowledgeFolder(dir)).toEqual([{ knowledgeBase: 'ok', source: 'ok.md', articles: [{ title: 'A', tags: [], body: 'B' }] }]);
      writeFileSync(path.join(dir, 'two words.md'), '## A\nB');
      await expect(readKnowledgeFolder(dir)).rejects.toThrow('Invalid knowledge file two words.md: the name of a knowledge base may contain only letters');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
