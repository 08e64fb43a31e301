import type { BusinessHours } from './routing.schema';

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const WEEKDAY_OF: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** The wall clock in a time zone at an instant: local date (YYYY-MM-DD), weekday and time (HH:MM). */
export function wallClock(at: Date, timeZone: string): { date: string; day: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    // h23 keeps midnight at 00 (h24 would print 24:00 for the start of a day).
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, day: WEEKDAY_OF[part('weekday')]!, time: `${part('hour')}:${part('minute')}` };
}

/**
 * Whether a queue is staffed at `at` by its business hours: open when the local time falls in one of
 * the day's ranges (`from` inclusive, `to` exclusive; `24:00` closes at midnight) and the local date is
 * not a holiday. `null` hours mean staffed around the clock. Ranges never cross midnight (the schema
 * requires from < to): a night shift is two ranges, late on one day and early on the next.
 *
 * Pure and free of I/O, so the routing engine and the supervisor overview agree on what "open" means.
 * Throws a RangeError for a time zone the runtime does not know (the schema refuses those on input).
 */
export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (hours === null) return true;
  const local = wallClock(at, hours.timeZone);
  if ((hours.holidays ?? []).includes(local.date)) return false;
  return (hours.weekly[local.day] ?? []).some(({ from, to }) => local.time >= from && local.time < to);
}
