import { localTime } from '@baton/flow';

/** A daily window (local time, HH:MM) when customers are not contacted first, e.g. 21:00 to 08:00. */
export interface QuietHours {
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * How many minutes from `now` until a first contact may be sent in `timeZone`: 0 outside quiet
 * hours, otherwise until the window ends. Windows may run over midnight. Pure: the workflow sleeps
 * this long and asks again (a daylight-saving change inside the window just means a second nap).
 */
export function minutesUntilSendable(now: string, timeZone: string, quiet: QuietHours): number {
  const local = localTime(now, timeZone);
  if (!local) return 0;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return 0;
  const inside = start < end ? local.minutes >= start && local.minutes < end : local.minutes >= start || local.minutes < end;
  return inside ? (end - local.minutes + 1440) % 1440 : 0;
}
