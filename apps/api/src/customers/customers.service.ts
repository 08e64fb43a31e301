import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, ConversationStage, CustomerConversationSummary, Disposition, Resolution } from '@baton/contracts';

/** The first customer message is shown cut to this many characters. */
export const FIRST_MESSAGE_CHARS = 140;

/** `text` cut to `max` characters (whole code points), the last one an ellipsis when cut. */
export const truncate = (text: string, max = FIRST_MESSAGE_CHARS): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
};

interface Row {
  id: string;
  channel: Channel;
  stage: ConversationStage;
  intent: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolution: Resolution | null;
  csat: number | null;
  disposition: Disposition | null;
  firstMessage: string | null;
}

/** What the platform knows of a customer across conversations (customers themselves live in the business's systems). */
@Injectable()
export class CustomersService {
  constructor(private readonly db: DataSource) {}

  /** The customer's conversations, newest first, each with its outcome and the customer's opening words. */
  async conversations(customerId: string, limit: number): Promise<CustomerConversationSummary[]> {
    const rows: Row[] = await this.db.query(
      `SELECT c.id, c.channel, c.stage, c.intent, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
              o.resolution, o.csat, o.disposition, first.text AS "firstMessage"
       FROM conversations c
       LEFT JOIN outcomes o ON o.conversation_id = c.id
       LEFT JOIN LATERAL (
         SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer' ORDER BY m.seq LIMIT 1
       ) first ON true
       WHERE c.customer_id = $1
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT $2`,
      [customerId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      stage: row.stage,
      intent: row.intent,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      outcome: row.resolution === null ? null : { resolution: row.resolution, csat: row.csat, disposition: row.disposition },
      firstMessage: row.firstMessage === null ? null : truncate(row.firstMessage),
    }));
  }
}
