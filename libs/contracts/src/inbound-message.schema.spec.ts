import { ErrorCode } from './errors';
import { inboundMessageSchema, MAX_MESSAGE_BYTES } from './inbound-message.schema';
import { describeIssues } from './validation';

const valid = { channel: 'web', conversationKey: 'c-1', customerId: 'cus_1001', text: 'Where is my order?', idempotencyKey: 'k1' };

const codesOf = (input: unknown) => {
  const result = inboundMessageSchema.safeParse(input);
  return result.success ? [] : describeIssues(result.error, input).map((detail) => detail.code);
};

describe('inboundMessageSchema', () => {
  it('accepts a well-formed message', () => {
    expect(inboundMessageSchema.parse(valid)).toEqual(valid);
  });

  it('accepts text of exactly the byte limit, multi-byte characters included', () => {
    const text = 'é'.repeat(MAX_MESSAGE_BYTES / 2);
    expect(inboundMessageSchema.safeParse({ ...valid, text }).success).toBe(true);
    expect(codesOf({ ...valid, text: text + 'a' })).toEqual([ErrorCode.MessageTooLong]);
  });

  it.each(['', '   ', '\n\t'])('refuses blank text %j as MESSAGE_EMPTY', (text) => {
    expect(codesOf({ ...valid, text })).toEqual([ErrorCode.MessageEmpty]);
  });

  it('refuses an unknown channel as UNKNOWN_CHANNEL', () => {
    expect(codesOf({ ...valid, channel: 'pigeon' })).toEqual([ErrorCode.UnknownChannel]);
  });

  it('reports every missing field as MISSING_FIELD, naming it', () => {
    const result = inboundMessageSchema.safeParse({});
    const details = describeIssues(result.error!, {});
    expect(details.map((detail) => detail.code)).toEqual(Array(5).fill(ErrorCode.MissingField));
    expect(details.map((detail) => detail.field).sort()).toEqual(
      ['channel', 'conversationKey', 'customerId', 'idempotencyKey', 'text'],
    );
  });

  it('refuses unknown fields as UNKNOWN_FIELD', () => {
    expect(codesOf({ ...valid, admin: true })).toEqual([ErrorCode.UnknownField]);
  });

  it.each([
    ['conversationKey', 'a b'],
    ['customerId', 'x'.repeat(129)],
    ['idempotencyKey', ''],
    ['text', 42],
  ])('refuses a malformed %s as INVALID_FIELD', (field, value) => {
    const input = { ...valid, [field]: value };
    const details = describeIssues(inboundMessageSchema.safeParse(input).error!, input);
    expect(details).toEqual([expect.objectContaining({ code: ErrorCode.InvalidField, field })]);
  });
});
