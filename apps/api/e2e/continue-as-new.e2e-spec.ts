import { Client, Connection } from '@temporalio/client';
import { conversationWorkflowId } from '@baton/workflows';
import { aiReplies, conversationWhen, newKey, platform, say, sql } from './support/platform-client';

describe('a long conversation', () => {
  it('continues as new without losing its transcript, its id or its memory of delivered messages', async () => {
    const key = newKey('long');
    const turns = 12;
    const accepted = [];
    let conversationId = '';
    for (let turn = 0; turn < turns; turn++) {
      const message = await say(key, `Where is my order ORD-1004${2 + (turn % 2)}?`, { idempotencyKey: `turn-${turn}` });
      conversationId ||= message.conversationId;
      expect(message.conversationId).toBe(conversationId);
      accepted.push(message);
      await conversationWhen(conversationId, (v) => aiReplies(v).length === turn + 1);
    }

    const connection = await Connection.connect({ address: platform.temporalAddress });
    try {
      const description = await new Client({ connection }).workflow.getHandle(conversationWorkflowId('web', key)).describe();
      // The test platform's history limit is 80 events; twelve turns cannot fit in one run.
      expect(description.runId).not.toBe(conversationId);
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await connection.close();
    }

    const redelivered = await say(key, 'Where is my order ORD-10042?', { idempotencyKey: 'turn-0' });
    expect(redelivered).toEqual({ ...accepted[0], duplicate: true });
    const view = await conversationWhen(conversationId, (v) => aiReplies(v).length === turns);
    expect(view.messages.filter((m) => m.role === 'customer').map((m) => m.id)).toEqual(accepted.map((m) => m.messageId));
    const seqs = view.messages.map((m) => m.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM conversations WHERE conversation_key = $1`, [key]);
    expect(count).toBe(1);
  });
});
