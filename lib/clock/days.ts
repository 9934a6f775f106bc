import { dateTimeFormat } from '@/lib/clock/date-time-format';

/**
 * Calendar days in the utility's time zone: the one place that turns instants into days and back.
 * A day is "YYYY-MM-DD". Every rule about "today", a due date or a date filter goes through here
 * with the utility's zone, never the machine's or the database session's (they can all differ).
 */

function zoneParts(instant: Date, timeZone: string) {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Minutes the zone is ahead of UTC at `instant`. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zoneParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
}

/** The day `now` (any instant) falls on in `timeZone`, the utility's: "today" at that instant. */
export function todayIn(timeZone: string, now: Date): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The instant `day` starts in `timeZone` (DST-safe: a day can be 23 or 25 hours long). */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** `day` moved by `n` days (negative: back). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** A calendar-date column (`@db.Date`, read as UTC midnight) as a day. */
export function dateColumnDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A day as a `@db.Date` value (UTC midnight). */
export function dayAsDateColumn(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** `instant` as ISO 8601 with the zone's offset there: "2026-11-27T20:21:00.000-06:00". */
export function isoInZone(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
