import { randomUUID } from 'node:crypto';
import { MAX_ARTICLE_BODY_CHARS, MAX_ARTICLE_TITLE_CHARS, MAX_SEARCH_QUERY_CHARS } from '@baton/contracts';
import { api, sql } from './support/platform-client';

const uniqueBase = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const articleCount = async (knowledgeBase: string) =>
  (await sql(`SELECT count(*)::int AS count FROM knowledge_articles WHERE knowledge_base = $1`, [knowledgeBase]))[0].count;
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('knowledge bases: shipped content', () => {
  it('seeds the billing and faq knowledge bases from the knowledge folder at start', async () => {
    const bases = await api('GET', '/knowledge-bases');
    expect(bases.status).toBe(200);
    const byName = new Map(bases.body.map((base: any) => [base.name, base]));
    expect((byName.get('billing') as any)?.articleCount).toBeGreaterThanOrEqual(8);
    expect((byName.get('faq') as any)?.articleCount).toBeGreaterThanOrEqual(6);

    const billing = await api('GET', '/knowledge-bases/billing/articles');
    expect(billing.status).toBe(200);
    expect(billing.body.total).toBe((byName.get('billing') as any).articleCount);
    expect(billing.body.articles.map((article: any) => article.title)).toEqual(
      expect.arrayContaining(['How do I get an invoice for my order?', 'When will my refund arrive?', 'I was charged twice for the same order']),
    );
    expect(billing.body.articles[0]).not.toHaveProperty('body');
    const seeded = await sql(`SELECT source, article_count FROM knowledge_base_seeds WHERE knowledge_base = 'billing'`);
    expect(seeded).toEqual([{ source: 'billing.md', article_count: billing.body.total }]);
  });

  it('answers "when will my refund arrive?" from the refunds article, above a 0.6 floor', async () => {
    const answer = await api('GET', `/knowledge-bases/billing/answer?${query({ q: 'When will my refund arrive?' })}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ title: 'When will my refund arrive?', articleId: expect.any(String) });
    expect(answer.body.text).toContain('5 to 10 business days');
    expect(answer.body.confidence).toBeGreaterThan(0.6);
  });

  it.each([
    ['billing', 'What is the capital of France?'],
    ['billing', 'I want to speak to a human'],
    ['faq', 'What will the weather be tomorrow?'],
    ['billing', 'order'],
  ])('stays under a 0.6 floor in %s for "%s"', async (knowledgeBase, q) => {
    const answer = await api('GET', `/knowledge-bases/${knowledgeBase}/answer?${query({ q })}`);
    expect(answer.status).toBe(200);
    expect(answer.body.confidence).toBeLessThan(0.6);
  });

  it.each([
    ['billing', 'I was charged twice', 'I was charged twice for the same order'],
    ['billing', 'I need a VAT invoice for my company', 'Can I get a VAT receipt or VAT invoice?'],
    ['faq', 'What are your opening hours?', 'What are your opening hours?'],
    ['faq', 'Can I return an item?', 'What is your returns policy?'],
  ])('answers in %s "%s" from "%s" above a 0.6 floor', async (knowledgeBase, q, title) => {
    const answer = await api('GET', `/knowledge-bases/${knowledgeBase}/answer?${query({ q })}`);
    expect([answer.body.title, answer.body.confidence > 0.6]).toEqual([title, true]);
  });

  it('searches with ranked, highlighted passages', async () => {
    const found = await api('GET', `/knowledge-bases/billing/search?${query({ q: 'refund', limit: '3' })}`);
    expect(found.status).toBe(200);
    expect(found.body.hits.length).toBeGreaterThan(0);
    expect(found.body.hits.length).toBeLessThanOrEqual(3);
    expect(found.body.hits[0]).toMatchObject({ title: 'When will my refund arrive?', highlight: expect.stringContaining('<mark>refunds</mark>') });
    const scores = found.body.hits.map((hit: any) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score: number) => score > 0 && score < 1)).toBe(true);

    const phrase = await api('GET', `/knowledge-bases/billing/search?${query({ q: '"billing address"' })}`);
    expect(phrase.body.hits[0].title).toBe('How do I change my billing address?');
    const excluding = await api('GET', `/knowledge-bases/billing/search?${query({ q: 'refund -paypal' })}`);
    const titles = excluding.body.hits.map((hit: any) => hit.title);
    expect(titles).toContain('I was charged twice for the same order');
    expect(titles).not.toContain('When will my refund arrive?');
  });
});

describe('knowledge bases: articles', () => {
  it('creates, reads, lists, searches, replaces and deletes an article', async () => {
    const kb = uniqueBase('crud');
    const created = await api('POST', `/knowledge-bases/${kb}/articles`, {
      title: '  Gift wrapping  ',
      body: 'We wrap gifts in recycled paper for 3 EUR.\n\nAdd a <b>card</b> & a message at checkout.',
      tags: ['gifts', 'gifts', 'checkout'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ knowledgeBase: kb, title: 'Gift wrapping', tags: ['gifts', 'checkout'], id: expect.any(String) });
    const { id } = created.body;

    expect((await api('GET', `/knowledge-bases/${kb}/articles/${id}`)).body).toEqual(created.body);
    const listed = await api('GET', `/knowledge-bases/${kb}/articles`);
    expect(listed.body).toMatchObject({ knowledgeBase: kb, total: 1, articles: [{ id, title: 'Gift wrapping' }] });

    const search = await api('GET', `/knowledge-bases/${kb}/search?${query({ q: 'card message' })}`);
    expect(search.body.hits).toEqual([
      expect.objectContaining({
        articleId: id,
        passage: 'Add a <b>card</b> & a message at checkout.',
        highlight: 'Add a &lt;b&gt;<mark>card</mark>&lt;/b&gt; &amp; a <mark>message</mark> at checkout.',
      }),
    ]);

    const replaced = await api('PUT', `/knowledge-bases/${kb}/articles/${id}`, { title: 'Gift wrapping and cards', body: 'Gift wrapping is free this month.' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, title: 'Gift wrapping and cards', body: 'Gift wrapping is free this month.', tags: [], createdAt: created.body.createdAt });
    expect(Date.parse(replaced.body.updatedAt)).toBeGreaterThan(Date.parse(created.body.updatedAt));
    expect((await api('GET', `/knowledge-bases/${kb}/search?${query({ q: 'recycled' })}`)).body.hits).toEqual([]);
    expect((await api('GET', `/knowledge-bases/${kb}/search?${query({ q: 'free' })}`)).body.hits).toHaveLength(1);

    const elsewhere = await api('GET', `/knowledge-bases/billing/articles/${id}`);
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);

    const deleted = await api('DELETE', `/knowledge-bases/${kb}/articles/${id}`);
    expect(deleted.status).toBe(204);
    const gone = await api('GET', `/knowledge-bases/${kb}/articles/${id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    const again = await api('DELETE', `/knowledge-bases/${kb}/articles/${id}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    const emptyBase = await api('GET', `/knowledge-bases/${kb}/articles`);
    expect([emptyBase.status, emptyBase.body.error.code]).toEqual([404, 'KNOWLEDGE_BASE_NOT_FOUND']);
  });

  it('pages through a knowledge base oldest first', async () => {
    const kb = uniqueBase('pages');
    for (const title of ['One', 'Two', 'Three']) {
      expect((await api('POST', `/knowledge-bases/${kb}/articles`, { title, body: `${title}.` })).status).toBe(201);
    }
    const page = await api('GET', `/knowledge-bases/${kb}/articles?limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: 3, articles: [{ title: 'Two' }, { title: 'Three' }] });
  });
});

describe('knowledge bases: bad input', () => {
  const valid = { title: 'A title', body: 'A body.' };

  it.each([
    ['a title over the limit', { title: 'x'.repeat(MAX_ARTICLE_TITLE_CHARS + 1) }, 'INVALID_FIELD', 'title', `title must be at most ${MAX_ARTICLE_TITLE_CHARS} characters`],
    ['a blank title', { title: '   ' }, 'INVALID_FIELD', 'title', 'title must not be empty'],
    ['a title on two lines', { title: 'One\nTwo' }, 'INVALID_FIELD', 'title', 'title must be one line without control characters'],
    ['a body over the limit', { body: 'x'.repeat(MAX_ARTICLE_BODY_CHARS + 1) }, 'INVALID_FIELD', 'body', `body must be at most ${MAX_ARTICLE_BODY_CHARS} characters`],
    ['a body with a NUL character', { body: 'before\u0000after' }, 'INVALID_FIELD', 'body', 'body must not contain control characters other than tabs and line breaks'],
    ['a missing body', { body: undefined }, 'MISSING_FIELD', 'body', 'body is required'],
    ['tags that are not a list', { tags: 'refunds' }, 'INVALID_FIELD', 'tags', 'tags: Invalid input: expected array, received string'],
    ['too many tags', { tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }, 'INVALID_FIELD', 'tags', 'tags must hold at most 20 tags'],
    ['an unknown field', { author: 'me' }, 'UNKNOWN_FIELD', 'author', 'author is not a known field'],
  ])('refuses an article with %s, storing nothing', async (_case, change, code, field, message) => {
    const kb = uniqueBase('bad');
    const answer = await api('POST', `/knowledge-bases/${kb}/articles`, { ...valid, ...change });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code, message, details: [{ code, field, message }] });
    expect(await articleCount(kb)).toBe(0);
  });

  it('refuses a replacement with a bad body and keeps the article as it was', async () => {
    const kb = uniqueBase('keep');
    const { id } = (await api('POST', `/knowledge-bases/${kb}/articles`, valid)).body;
    const answer = await api('PUT', `/knowledge-bases/${kb}/articles/${id}`, { title: '', body: 'New.' });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'INVALID_FIELD']);
    expect((await api('GET', `/knowledge-bases/${kb}/articles/${id}`)).body).toMatchObject(valid);
  });

  it('refuses a body over 64 KiB and malformed JSON before reading them', async () => {
    const kb = uniqueBase('raw');
    const huge = await api('POST', `/knowledge-bases/${kb}/articles`, undefined, { rawBody: JSON.stringify({ ...valid, body: 'é'.repeat(40_000) }) });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const malformed = await api('POST', `/knowledge-bases/${kb}/articles`, undefined, { rawBody: '{"title": "x",' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'MALFORMED_BODY']);
    expect(await articleCount(kb)).toBe(0);
  });

  it('refuses knowledge base names that are not external ids', async () => {
    for (const name of ['two%20words', 'semi%3Bcolon', `${'k'.repeat(129)}`]) {
      const answer = await api('POST', `/knowledge-bases/${name}/articles`, valid);
      expect([answer.status, answer.body.error.code, answer.body.error.details[0].field]).toEqual([400, 'INVALID_FIELD', 'knowledgeBase']);
    }
    const listed = await api('GET', '/knowledge-bases/two%20words/search?q=refund');
    expect(listed.body.error.message).toBe('knowledgeBase may contain only letters, digits and . _ : @ + -');
  });

  it('answers ids that are not UUIDs, and unknown knowledge bases, with 404', async () => {
    for (const id of ['not-a-uuid', "1'%20OR%201=1", '00000000-0000-4000-8000-000000000000']) {
      for (const method of ['GET', 'DELETE']) {
        const answer = await api(method, `/knowledge-bases/billing/articles/${id}`);
        expect([method, id, answer.status, answer.body.error.code]).toEqual([method, id, 404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
      }
    }
    const put = await api('PUT', '/knowledge-bases/billing/articles/00000000-0000-4000-8000-000000000000', valid);
    expect([put.status, put.body.error.code]).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    for (const path of ['/knowledge-bases/no-such-base/articles', '/knowledge-bases/no-such-base/search?q=refund', '/knowledge-bases/no-such-base/answer?q=refund']) {
      const answer = await api('GET', path);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 404, 'KNOWLEDGE_BASE_NOT_FOUND']);
    }
  });

  it.each([
    ['a missing query', '', 'MISSING_FIELD', 'q is required'],
    ['a blank query', query({ q: '  ' }), 'INVALID_FIELD', 'q must not be empty'],
    ['a query over the limit', query({ q: 'a'.repeat(MAX_SEARCH_QUERY_CHARS + 1) }), 'INVALID_FIELD', `q must be at most ${MAX_SEARCH_QUERY_CHARS} characters`],
    ['a repeated query', 'q=a&q=b', 'INVALID_FIELD', 'q: Invalid input: expected string, received array'],
    ['a limit of 0', query({ q: 'refund', limit: '0' }), 'INVALID_FIELD', 'limit: must be at least 1'],
    ['an unknown parameter', query({ q: 'refund', sort: 'asc' }), 'UNKNOWN_FIELD', 'sort is not a known field'],
  ])('refuses a search with %s', async (_case, params, code, message) => {
    const answer = await api('GET', `/knowledge-bases/billing/search?${params}`);
    expect([answer.status, answer.body.error.code, answer.body.error.message]).toEqual([400, code, message]);
  });

  it('reads tsquery syntax, quotes and stop words in a search as plain text', async () => {
    for (const q of ["refund' & !(", ':* <-> | \\', "'; DROP TABLE knowledge_articles; --", 'the of and', '🙂']) {
      const answer = await api('GET', `/knowledge-bases/billing/search?${query({ q })}`);
      expect([q, answer.status, Array.isArray(answer.body.hits)]).toEqual([q, 200, true]);
    }
    expect(await articleCount('billing')).toBeGreaterThanOrEqual(8);
  });
});

describe('knowledge bases: authentication', () => {
  it.each([
    ['GET', '/knowledge-bases'],
    ['GET', '/knowledge-bases/billing/articles'],
    ['POST', '/knowledge-bases/billing/articles'],
    ['GET', '/knowledge-bases/billing/articles/00000000-0000-4000-8000-000000000000'],
    ['PUT', '/knowledge-bases/billing/articles/00000000-0000-4000-8000-000000000000'],
    ['DELETE', '/knowledge-bases/billing/articles/00000000-0000-4000-8000-000000000000'],
    ['GET', '/knowledge-bases/billing/search?q=refund'],
    ['GET', '/knowledge-bases/billing/answer?q=refund'],
  ])('refuses %s %s without a valid bearer token', async (method, path) => {
    const body = method === 'POST' || method === 'PUT' ? { title: 'Sneaky', body: 'Overwrite.' } : undefined;
    for (const token of [null, 'x'.repeat(40)]) {
      const answer = await api(method, path, body, { token });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(await articleCount('billing')).toBeGreaterThanOrEqual(8);
    expect((await sql(`SELECT count(*)::int AS count FROM knowledge_articles WHERE title = 'Sneaky'`))[0].count).toBe(0);
  });
});
