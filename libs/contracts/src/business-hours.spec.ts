import { isOpenAt, wallClock } from './business-hours';
import { type BusinessHours, businessHoursSchema } from './routing.schema';

/** Mon-Fri 08:00-20:00 and Saturday 09:00-12:00 plus 13:00-17:00 in London, closed on Christmas Day. */
const london: BusinessHours = businessHoursSchema.parse({
  timeZone: 'Europe/London',
  weekly: {
    mon: [{ from: '08:00', to: '20:00' }],
    tue: [{ from: '08:00', to: '20:00' }],
    wed: [{ from: '08:00', to: '20:00' }],
    thu: [{ from: '08:00', to: '20:00' }],
    fri: [{ from: '08:00', to: '20:00' }],
    sat: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ],
  },
  holidays: ['2026-12-25'],
});

describe('wallClock', () => {
  it('reads the local date, weekday and time in the zone, midnight as 00:00', () => {
    expect(wallClock(new Date('2026-03-02T00:00:00Z'), 'UTC')).toEqual({ date: '2026-03-02', day: 'mon', time: '00:00' });
    expect(wallClock(new Date('2026-03-01T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-03-02', day: 'mon', time: '08:30' });
    expect(wallClock(new Date('2026-03-02T03:15:00Z'), 'America/New_York')).toEqual({ date: '2026-03-01', day: 'sun', time: '22:15' });
  });
});

describe('isOpenAt', () => {
  it('is always open without business hours', () => {
    expect(isOpenAt(null, new Date('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('opens at the start of a range and closes at its end', () => {
    // Wednesday 4 March 2026, London on GMT.
    expect(isOpenAt(london, new Date('2026-03-04T07:59:00Z'))).toBe(false);
    expect(isOpenAt(london, new Date('2026-03-04T08:00:00Z'))).toBe(true);
    expect(isOpenAt(london, new Date('2026-03-04T19:59:00Z'))).toBe(true);
    expect(isOpenAt(london, new Date('2026-03-04T20:00:00Z'))).toBe(false);
  });

  it('reads the hours in the queue time zone, across daylight saving time', () => {
    // Wednesday 1 July 2026, London on BST (UTC+1): 07:30 UTC is 08:30 local, 19:30 UTC is 20:30 local.
    expect(isOpenAt(london, new Date('2026-07-01T07:30:00Z'))).toBe(true);
    expect(isOpenAt(london, new Date('2026-07-01T19:30:00Z'))).toBe(false);
  });

  it('honours several ranges in a day, closed between them', () => {
    // Saturday 7 March 2026.
    expect(isOpenAt(london, new Date('2026-03-07T11:59:00Z'))).toBe(true);
    expect(isOpenAt(london, new Date('2026-03-07T12:30:00Z'))).toBe(false);
    expect(isOpenAt(london, new Date('2026-03-07T13:00:00Z'))).toBe(true);
  });

  it('is closed on a day without ranges', () => {
    expect(isOpenAt(london, new Date('2026-03-08T12:00:00Z'))).toBe(false);
  });

  it('is closed all day on a holiday, by the local date', () => {
    // Friday 25 December 2026 at noon, and Thursday 24th at noon.
    expect(isOpenAt(london, new Date('2026-12-25T12:00:00Z'))).toBe(false);
    expect(isOpenAt(london, new Date('2026-12-24T12:00:00Z'))).toBe(true);
    // 15:30 UTC on Thursday the 24th is already Friday the 25th in Tokyo; a week earlier it is an ordinary Friday.
    const tokyo = businessHoursSchema.parse({ timeZone: 'Asia/Tokyo', weekly: { fri: [{ from: '00:00', to: '24:00' }] }, holidays: ['2026-12-25'] });
    expect(isOpenAt(tokyo, new Date('2026-12-24T15:30:00Z'))).toBe(false);
    expect(isOpenAt(tokyo, new Date('2026-12-17T15:30:00Z'))).toBe(true);
  });

  it('stays open until midnight with a range ending at 24:00', () => {
    const lateShift = businessHoursSchema.parse({ timeZone: 'UTC', weekly: { mon: [{ from: '18:00', to: '24:00' }] } });
    expect(isOpenAt(lateShift, new Date('2026-03-02T23:59:00Z'))).toBe(true);
    expect(isOpenAt(lateShift, new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('treats a weekday missing from stored hours as closed', () => {
    const stored = { timeZone: 'UTC', weekly: { mon: [{ from: '00:00', to: '24:00' }] } } as unknown as BusinessHours;
    expect(isOpenAt(stored, new Date('2026-03-02T10:00:00Z'))).toBe(true);
    expect(isOpenAt(stored, new Date('2026-03-03T10:00:00Z'))).toBe(false);
  });
});
