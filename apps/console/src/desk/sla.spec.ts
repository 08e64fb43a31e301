import { claimClock, countdown, formatDuration } from './sla';

const at = (iso: string) => Date.parse(iso);

describe('service-level clocks', () => {
  it('formats spans as seconds, minutes and seconds, hours and minutes, days and hours', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_900)).toBe('45s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(26 * 3_600_000)).toBe('1d 2h');
    expect(formatDuration(-5_000)).toBe('0s');
  });

  it('counts the wait against the claim deadline, and turns overdue once past it', () => {
    const task = { createdAt: '2026-12-04T10:00:00Z', sla: { claimDueAt: '2026-12-04T10:15:00Z' } };
    expect(claimClock(task, at('2026-12-04T10:03:05Z'))).toEqual({ waited: '3m 05s', sla: '11m 55s left', overdue: false });
    expect(claimClock(task, at('2026-12-04T10:15:00Z'))).toEqual({ waited: '15m 00s', sla: '0s left', overdue: false });
    expect(claimClock(task, at('2026-12-04T10:16:20Z'))).toEqual({ waited: '16m 20s', sla: '1m 20s over', overdue: true });
  });

  it('shows only the wait when the task has no claim deadline', () => {
    expect(claimClock({ createdAt: '2026-12-04T10:00:00Z', sla: {} }, at('2026-12-04T10:00:42Z'))).toEqual({ waited: '42s', sla: null, overdue: false });
  });

  it('counts an offer down to 0:00 and stays there', () => {
    expect(countdown('2026-12-04T10:00:30Z', at('2026-12-04T10:00:00.400Z'))).toBe('0:30');
    expect(countdown('2026-12-04T10:01:05Z', at('2026-12-04T10:00:00Z'))).toBe('1:05');
    expect(countdown('2026-12-04T10:00:30Z', at('2026-12-04T10:00:45Z'))).toBe('0:00');
    expect(countdown(null, at('2026-12-04T10:00:00Z'))).toBe('');
  });
});
