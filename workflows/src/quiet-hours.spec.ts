import { minutesUntilSendable } from './quiet-hours';

const NIGHT = { start: '21:00', end: '08:00' };

describe('minutesUntilSendable', () => {
  it.each([
    ['2026-03-02T12:00:00Z', 'Europe/London', 0],
    ['2026-03-02T20:59:00Z', 'Europe/London', 0],
    ['2026-03-02T21:00:00Z', 'Europe/London', 660],
    ['2026-03-02T23:30:00Z', 'Europe/London', 510],
    ['2026-03-03T07:59:00Z', 'Europe/London', 1],
    ['2026-03-03T08:00:00Z', 'Europe/London', 0],
    // 12:00 UTC is 21:00 in Tokyo: the night has just begun there.
    ['2026-03-02T12:00:00Z', 'Asia/Tokyo', 660],
    // 02:00 UTC is 21:00 the evening before in New York (EST).
    ['2026-03-02T02:00:00Z', 'America/New_York', 660],
  ])('at %s in %s waits %d minutes', (now, zone, minutes) => {
    expect(minutesUntilSendable(now, zone, NIGHT)).toBe(minutes);
  });

  it('handles a window inside one day', () => {
    expect(minutesUntilSendable('2026-03-02T12:30:00Z', 'UTC', { start: '12:00', end: '14:00' })).toBe(90);
    expect(minutesUntilSendable('2026-03-02T14:00:00Z', 'UTC', { start: '12:00', end: '14:00' })).toBe(0);
  });

  it('never waits for an empty window or an unknown time zone', () => {
    expect(minutesUntilSendable('2026-03-02T23:00:00Z', 'UTC', { start: '08:00', end: '08:00' })).toBe(0);
    expect(minutesUntilSendable('2026-03-02T23:00:00Z', 'Mars/Olympus', NIGHT)).toBe(0);
  });
});
