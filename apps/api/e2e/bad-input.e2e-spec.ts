import { MAX_MESSAGE_BYTES } from '@baton/contracts';
import { api, escalatedTask, newKey, sql } from './support/platform-client';

const valid = () => ({ channel: 'web', conversationKey: newKey('bad'), customerId: 'cus_1001', text: 'Hello', idempotencyKey: 'k-1' });

describe('bad input to the inbound API', () => {
  it.each([
    ['text over the limit', { text: 'a'.repeat(MAX_MESSAGE_BYTES + 1) }, 413, 'MESSAGE_TOO_LONG', 'text'],
    ['empty text', { text: '' }, 400, 'MESSAGE_EMPTY', 'text'],
    ['blank text', { text: ' \n\t ' }, 400, 'MESSAGE_EMPTY', 'text'],
    ['an unknown channel', { channel: 'carrier-pigeon' }, 400, 'UNKNOWN_CHANNEL', 'channel'],
    ['a missing customer', { customerId: undefined }, 400, 'MISSING_FIELD', 'customerId'],
    ['a missing idempotency key', { idempotencyKey: undefined }, 400, 'MISSING_FIELD', 'idempotencyKey'],
    ['a field of the wrong type', { text: 12 }, 400, 'INVALID_FIELD', 'text'],
    ['an unknown field', { priority: 'vip' }, 400, 'UNKNOWN_FIELD', 'priority'],
    ['a key with spaces', { conversationKey: 'a b' }, 400, 'INVALID_FIELD', 'conversationKey'],
  ])('refuses %s with a specific code and stores nothing', async (_case, change, status, code, field) => {
    const body = { ...valid(), ...change };
    const answer = await api('POST', '/messages', body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, details: [expect.objectContaining({ code, field })] });
    const stored = await sql(`SELECT count(*)::int AS count FROM conversations WHERE conversation_key = $1`, [body.conversationKey ?? '']);
    expect(stored[0].count).toBe(0);
  });

  it('lists every problem at once', async () => {
    const answer = await api('POST', '/messages', { channel: 'fax', text: '' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['channel', 'conversationKey', 'customerId', 'idempotencyKey', 'text'],
    );
  });

  it.each([
    ['malformed JSON', '{"channel": "web",', 400, 'MALFORMED_BODY'],
    ['a JSON array', '[1, 2]', 400, 'MALFORMED_BODY'],
    ['a body over 64 KiB', JSON.stringify({ ...valid(), text: 'a'.repeat(70_000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_case, rawBody, status, code) => {
    const answer = await api('POST', '/messages', undefined, { rawBody });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it('answers unknown or malformed ids with 404, never a database error', async () => {
    expect((await api('GET', '/conversations/not-a-uuid')).body.error.code).toBe('CONVERSATION_NOT_FOUND');
    expect((await api('GET', '/conversations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const claim = await api('POST', "/tasks/1'%20OR%201=1/claim", {});
    expect([claim.status, claim.body.error.code]).toEqual([404, 'TASK_NOT_FOUND']);
  });

  it('validates agent actions', async () => {
    const { task } = await escalatedTask();
    const badAgent = await api('POST', `/tasks/${task.id}/claim`, { agentId: 'a1' });
    expect([badAgent.status, badAgent.body.error.code]).toEqual([400, 'INVALID_FIELD']);
    const notAnAgent = await api('POST', `/tasks/${task.id}/claim`, {});
    expect([notAnAgent.status, notAnAgent.body.error.code]).toEqual([404, 'AGENT_NOT_FOUND']);
    const stray = await api('POST', `/tasks/${task.id}/resolve`, { agentId: 'a1', disposition: 'resolved' });
    expect([stray.status, stray.body.error.code]).toEqual([400, 'UNKNOWN_FIELD']);
    const badDisposition = await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'whatever' });
    expect([badDisposition.status, badDisposition.body.error.code]).toEqual([400, 'INVALID_FIELD']);
    const notClaimed = await api('POST', `/tasks/${task.id}/resolve`, { disposition: 'resolved' });
    expect([notClaimed.status, notClaimed.body.error.code]).toEqual([409, 'TASK_NOT_CLAIMED_BY_AGENT']);
    const nowhere = await api('POST', `/tasks/${task.id}/transfer`, { queue: 'nowhere', note: 'n' });
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, 'QUEUE_NOT_FOUND']);
    const both = await api('POST', `/tasks/${task.id}/transfer`, { note: 'n' });
    expect(both.status).toBe(400);
    const noNote = await api('POST', `/tasks/${task.id}/transfer`, { queue: 'care', note: ' ' });
    expect(noNote.status).toBe(400);
    const unOffered = await api('POST', `/tasks/${task.id}/decline`, {});
    expect(unOffered.status).toBe(409);
    const badQuery = await api('GET', '/tasks?status=lost');
    expect([badQuery.status, badQuery.body.error.code]).toEqual([400, 'INVALID_FIELD']);
  });
});
