import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { CannedResponseInput } from '@baton/contracts';

/** A starting set for the queues the shipped flows escalate to, and a few for every queue. */
export const SHIPPED_CANNED_RESPONSES: CannedResponseInput[] = [
  { queue: null, title: 'Taking over', text: "Hello, thanks for waiting. I've read the conversation so far and I'm looking into this for you now." },
  { queue: null, title: 'Need a moment', text: 'Thanks for your patience. I need a few minutes to check this; please stay in the chat.' },
  { queue: null, title: 'Anything else?', text: 'Is there anything else I can help you with today?' },
  { queue: 'support', title: 'Ask for the order number', text: 'Could you send me your order number? It looks like ORD-10042.' },
  {
    queue: 'retention',
    title: 'Before you cancel',
    text: "I'm sorry to hear you want to cancel. Before I do that, may I ask what isn't working for you? If it's the price or the plan, there may be options I can offer.",
  },
  {
    queue: 'care',
    title: 'Acknowledge and support',
    text: "I'm really sorry you're going through this, and thank you for telling us. I'm here to help, and we'll take this one step at a time.",
  },
  {
    queue: 'compliance',
    title: 'Checking with a licensed advisor',
    text: 'Thanks for your question. As it needs regulated advice, I am checking it with a licensed colleague so that what we tell you is accurate.',
  },
  { queue: 'callbacks', title: 'Confirm the call back', text: "Thanks, we'll call you back on the number you gave us as soon as we open. Is there a time of day that suits you best?" },
];

/** Serialises seeding between API replicas that start together. */
const SEED_LOCK = 'baton.canned_responses.seed';

/**
 * Gives a fresh installation a handful of canned responses. It seeds only while the table is empty,
 * so what supervisors add, change or delete is kept (deleting every one brings the starting set back
 * at the next start), and only for queues that exist, so renamed queues get no strays.
 */
@Injectable()
export class CannedResponsesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('CannedResponsesSeeder');

  constructor(private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.seed(SHIPPED_CANNED_RESPONSES);
    if (seeded > 0) this.logger.log(`Seeded ${seeded} canned responses`);
  }

  /** Inserts `responses` if the table is empty; answers how many were inserted. */
  async seed(responses: CannedResponseInput[]): Promise<number> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEED_LOCK]);
      const inserted: unknown[] = await em.query(
        `INSERT INTO canned_responses (id, title, text, queue, created_at, updated_at)
         SELECT s.id, s.title, s.text, s.queue, now(), now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS s (id, title, text, queue)
         WHERE NOT EXISTS (SELECT 1 FROM canned_responses)
           AND (s.queue IS NULL OR EXISTS (SELECT 1 FROM queues q WHERE q.name = s.queue))
         RETURNING id`,
        [responses.map(() => randomUUID()), responses.map((r) => r.title), responses.map((r) => r.text), responses.map((r) => r.queue)],
      );
      return inserted.length;
    });
  }
}
