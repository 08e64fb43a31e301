import { type ArgumentsHost, Logger } from '@nestjs/common';
import { HttpExceptionFilter } from './http-exception.filter';

/** A response that records what the filter answers. */
function host() {
  const answer = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
    setHeader: () => undefined,
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: unknown) {
      answer.body = body;
    },
  };
  return { answer, host: { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost };
}

describe('HttpExceptionFilter', () => {
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs an unexpected error without the card number, email or phone it quotes, and answers without internals', () => {
    const { answer, host: h } = host();
    new HttpExceptionFilter().catch(
      new Error('could not store message "my card is 4111 1111 1111 1111, mail ana@example.com or call +44 7700 900123"'),
      h,
    );
    expect(answer).toEqual({ status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'internal error' } } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('could not store message "my card is [card], mail [email] or call [phone]"');
    for (const pii of ['4111 1111 1111 1111', 'ana@example.com', '+44 7700 900123']) expect(logged[0]).not.toContain(pii);
  });

  it('logs a thrown non-error value redacted too', () => {
    const { host: h } = host();
    new HttpExceptionFilter().catch('failed for ana@example.com', h);
    expect(logged).toEqual(['failed for [email]']);
  });

  it('logs nothing for a client error', () => {
    const { answer, host: h } = host();
    new HttpExceptionFilter().catch(Object.assign(new Error('Unexpected token in JSON'), { type: 'entity.parse.failed', status: 400 }), h);
    expect(answer.status).toBe(400);
    expect(logged).toEqual([]);
  });
});
