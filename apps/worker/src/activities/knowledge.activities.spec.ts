import type { DataSource } from 'typeorm';
import { answerScore, answerText, freshDatabase, type KnowledgeCandidates, TIE_FACTOR, withoutFiller } from '@baton/db';
import { createKnowledgeActivities } from './knowledge.activities';

describe('answerScore', () => {
  const stats = (overrides: Partial<KnowledgeCandidates>): KnowledgeCandidates => ({
    terms: ['arriv', 'refund'],
    total: 8,
    documentFrequency: { refund: 2, arriv: 1 },
    top: [{ id: 'a', rank: 2, matched: ['arriv', 'refund'] }],
    ...overrides,
  });

  it('is fully confident when the only matching article holds every word', () => {
    expect(answerScore(stats({}))).toEqual({ confidence: 1, coverage: 1, margin: 1 });
  });

  it('has no confidence without meaningful words or without a match', () => {
    expect(answerScore(stats({ terms: [] })).confidence).toBe(0);
    expect(answerScore(stats({ top: [] })).confidence).toBe(0);
  });

  it('weighs a missing rare word more than a missing common one', () => {
    const missingRare = answerScore(stats({ terms: ['arriv', 'refund', 'capit'], top: [{ id: 'a', rank: 2, matched: ['arriv', 'refund'] }] }));
    const missingCommon = answerScore(
      stats({ terms: ['arriv', 'refund', 'card'], documentFrequency: { refund: 2, arriv: 1, card: 4 }, top: [{ id: 'a', rank: 2, matched: ['arriv', 'refund'] }] }),
    );
    expect(missingRare.coverage).toBeLessThan(missingCommon.coverage);
    expect(missingCommon.confidence).toBeGreaterThan(0.6);
  });

  it('falls under a 0.6 floor when the words the knowledge base never uses carry half the weight', () => {
    const score = answerScore(stats({ terms: ['capit', 'franc', 'refund'], top: [{ id: 'a', rank: 1, matched: ['refund'] }] }));
    expect(score.coverage).toBeLessThan(0.5);
    expect(score.confidence).toBeLessThan(0.6);
  });

  it('discounts a runner-up that ranks close, down to the tie factor', () => {
    const clear = answerScore(stats({ top: [{ id: 'a', rank: 2, matched: ['arriv', 'refund'] }, { id: 'b', rank: 0.5, matched: ['refund'] }] }));
    const tie = answerScore(stats({ top: [{ id: 'a', rank: 2, matched: ['arriv', 'refund'] }, { id: 'b', rank: 2, matched: ['arriv', 'refund'] }] }));
    expect(clear).toEqual({ confidence: 0.925, coverage: 1, margin: 0.75 });
    expect(tie).toEqual({ confidence: TIE_FACTOR, coverage: 1, margin: 0 });
  });

  it('ignores words that more than half of a knowledge base of 4 or more articles use', () => {
    const common = stats({ terms: ['order'], documentFrequency: { order: 6 }, top: [{ id: 'a', rank: 3, matched: ['order'] }] });
    expect(answerScore(common).confidence).toBe(0);
    expect(answerScore({ ...common, total: 3, documentFrequency: { order: 3 } }).confidence).toBe(1);
  });
});

describe('answer helpers', () => {
  it('removes conversational filler words, whole words only', () => {
    expect(withoutFiller('Hi, I need help: can you tell me when my refund arrives? Thanks!').replace(/\s+/g, ' ')).toBe(' , I : can you me when my refund arrives? !');
    expect(withoutFiller('Hiking gets together')).toBe('Hiking   together');
  });

  it('answers a short body whole and a long one by its best paragraph', () => {
    expect(answerText({ body: 'Short body.', paragraph: 'Short body.' })).toBe('Short body.');
    const body = `${'Intro. '.repeat(100)}\n\nThe part that answers.`;
    expect(answerText({ body, paragraph: 'The part that answers.' })).toBe('The part that answers.');
  });
});

/** The activity against a fresh database on the real PostgreSQL at DATABASE_URL (npm test provides one). */
describe('answerFromKnowledge activity', () => {
  const database = freshDatabase('knowledge');
  let db: DataSource;
  let activities: ReturnType<typeof createKnowledgeActivities>;

  const articles: [string, string, string][] = [
    ['00000000-0000-4000-8000-0000000000a1', 'When will my refund arrive?', 'Refunds are issued within 2 business days of your return arriving.\n\nCard refunds take 5 to 10 business days to reach your account; PayPal refunds arrive within 24 hours.'],
    ['00000000-0000-4000-8000-0000000000a2', 'Which payment methods do you accept?', 'We accept cards, PayPal and gift cards. Bank transfer is available for business accounts.'],
    ['00000000-0000-4000-8000-0000000000a3', 'I was charged twice', 'A second charge is usually a pending authorisation that disappears within 7 days. If both were taken, we refund the duplicate.'],
    ['00000000-0000-4000-8000-0000000000a4', 'How do I get an invoice?', 'Invoices are emailed when your order ships and can be downloaded from your orders page.'],
    [
      '00000000-0000-4000-8000-0000000000a5',
      'Subscriptions',
      [
        `Our plans: ${'Basic, Plus and Pro, each with more storage, more seats and faster support than the one before. '.repeat(8)}`,
        'Subscriptions are billed on the same day every month, the day you first subscribed.',
        'Cancelling stops future payments.',
      ].join('\n\n'),
    ],
  ];

  beforeAll(async () => {
    db = await database.open();
    for (const [id, title, body] of articles) {
      await db.query(`INSERT INTO knowledge_articles (id, knowledge_base, title, body, tags, created_at, updated_at) VALUES ($1, 'billing', $2, $3, '{}', now(), now())`, [id, title, body]);
    }
    await db.query(
      `INSERT INTO knowledge_articles (id, knowledge_base, title, body, tags, created_at, updated_at) VALUES
         (gen_random_uuid(), 'times', 'Delivery times', 'Parcels arrive in 3 days.', '{}', now() - interval '1 minute', now()),
         (gen_random_uuid(), 'times', 'Refund times', 'Refunds arrive in 3 days.', '{}', now(), now())`,
    );
    activities = createKnowledgeActivities(db);
  }, 30_000);

  afterAll(() => database.close());

  it('answers a refund question with the refunds article above the floor', async () => {
    const answer = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'When will my refund arrive?' });
    expect(answer).toMatchObject({ articleId: articles[0][0], title: 'When will my refund arrive?' });
    expect(answer.text).toBe(articles[0][2]);
    expect(answer.confidence).toBeGreaterThan(0.6);
  });

  it('answers from a long article with its most relevant paragraph', async () => {
    const answer = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'Which day of the month is my subscription billed?' });
    expect(answer).toMatchObject({ articleId: articles[4][0], text: 'Subscriptions are billed on the same day every month, the day you first subscribed.' });
    expect(answer.confidence).toBeGreaterThan(0.6);
  });

  it('stays under the floor for a question the knowledge base does not cover', async () => {
    expect(await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'What is the capital of France?' })).toEqual({
      text: null,
      confidence: 0,
      articleId: null,
      title: null,
    });
    const partly = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'Can I pay for a flight to Paris with a gift card?' });
    expect(partly.confidence).toBeLessThan(0.6);
  });

  it('answers nothing from an unknown knowledge base, an empty message or one of stop words and symbols', async () => {
    for (const input of [
      { knowledgeBase: 'nope', text: 'When will my refund arrive?' },
      { knowledgeBase: 'billing', text: '' },
      { knowledgeBase: 'billing', text: 'and the of 🙂 ?!' },
    ]) {
      expect(await activities.answerFromKnowledge(input)).toEqual({ text: null, confidence: 0, articleId: null, title: null });
    }
  });

  it('treats tsquery operators and quotes in the message as plain words', async () => {
    const answer = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: "refund' & !(arrive | <-> :* \\ '' ) --" });
    expect(answer.articleId).toBe(articles[0][0]);
  });

  it("lets the intent's words break a tie between articles, and nothing more", async () => {
    const plain = await activities.answerFromKnowledge({ knowledgeBase: 'times', text: 'Does it arrive in 3 days?' });
    expect(plain).toMatchObject({ title: 'Delivery times', confidence: TIE_FACTOR });
    const withIntent = await activities.answerFromKnowledge({ knowledgeBase: 'times', text: 'Does it arrive in 3 days?', intent: 'refund_status' });
    expect(withIntent).toMatchObject({ title: 'Refund times', confidence: TIE_FACTOR });
    const clearWinner = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'When will my refund arrive?', intent: 'double_charge' });
    expect(clearWinner.articleId).toBe(articles[0][0]);
    const offTopic = await activities.answerFromKnowledge({ knowledgeBase: 'billing', text: 'What is the capital of France?', intent: 'refund' });
    expect(offTopic.confidence).toBe(0);
  });
});
