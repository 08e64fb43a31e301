/**
 * A fixed-offset time zone where the local hour is now in [from, to): tests pick the customer's
 * clock (quiet hours or not) instead of waiting for one.
 */
export function zoneWhereHourIs(from: number, to: number, now = new Date()): string {
  const utc = now.getUTCHours();
  for (let offset = -12; offset <= 12; offset++) {
    const hour = (utc + offset + 24) % 24;
    // Etc/GMT signs are inverted: Etc/GMT-3 is three hours ahead of UTC.
    if (hour >= from && hour < to) return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error(`no whole-hour offset has the hour in [${from}, ${to})`);
}
