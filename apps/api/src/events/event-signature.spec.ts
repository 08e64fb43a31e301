import { createHmac } from 'node:crypto';
import { SIGNATURE_TOLERANCE_SECONDS, verifyEventSignature } from './event-signature.guard';

const SECRET = 'events-secret-0123456789';
const body = Buffer.from('{"type":"payment.due"}');
const sign = (timestamp: number, payload = body, secret = SECRET) =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex')}`;
const NOW = 1_764_860_000;

describe('verifyEventSignature', () => {
  it('accepts a signature over the exact bytes within the time window', () => {
    expect(verifyEventSignature(SECRET, sign(NOW), body, NOW)).toBeNull();
    expect(verifyEventSignature(SECRET, sign(NOW - SIGNATURE_TOLERANCE_SECONDS), body, NOW)).toBeNull();
  });

  it.each([
    ['no header', undefined, /missing/],
    ['a malformed header', 'sha256=abc', /missing or not/],
    ['an old timestamp (a replay)', sign(NOW - SIGNATURE_TOLERANCE_SECONDS - 1), /more than 300 s from now/],
    ['another body', sign(NOW, Buffer.from('{"type":"payment.due" }')), /does not match/],
    ['another secret', sign(NOW, body, 'someone-elses-secret-01'), /does not match/],
  ])('refuses %s', (_case, header, message) => {
    expect(verifyEventSignature(SECRET, header, body, NOW)).toMatch(message);
  });
});
