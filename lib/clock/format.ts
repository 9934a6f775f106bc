import { dayAsDateColumn } from './days';
import { dateTimeFormat } from '@/lib/clock/date-time-format';
import type { Locale } from '@/lib/i18n/locales';

// Dates and times as people read them (en-US unless the page's language is given), always in the utility's time zone; calendar-date
// columns (bills' dates) as stored. The one place pages and texts format time.

/** A calendar date column (stored at UTC midnight) as "Dec 1, 2026". */
export function formatBillDate(date: Date, locale: Locale = 'en-US'): string {
  return dateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A day ("2026-11-28") as "Nov 28". */
export function formatShortDay(day: string): string {
  return dateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(dayAsDateColumn(day));
}

/** An instant's calendar date in the utility's time zone, as "Nov 27, 2026" (receipts, history, texts). */
export function formatDateIn(date: Date, timeZone: string, locale: Locale = 'en-US'): string {
  return dateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(date);
}

/** An instant in the utility's time zone, as "Nov 27, 2026, 9:41 AM CST". */
export function formatInstant(
  date: Date,
  timeZone: string,
  options: { seconds?: boolean; locale?: Locale } = {},
): string {
  return (
    dateTimeFormat(options.locale ?? 'en-US', {
      dateStyle: 'medium',
      timeStyle: options.seconds ? 'medium' : 'short',
      timeZone,
    }).format(date) + ` ${shortZone(date, timeZone)}`
  );
}

function shortZone(date: Date, timeZone: string): string {
  return (
    dateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? ''
  );
}

/** Today in the utility's time zone, as "November 27, 2026" (the review and code pages). */
export function formatLongDateIn(date: Date, timeZone: string, locale: Locale = 'en-US'): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}

/** An instant's time of day in the utility's time zone, as "9:41:07 PM". */
export function formatTimeIn(date: Date, timeZone: string): string {
  return dateTimeFormat('en-US', { timeStyle: 'medium', timeZone }).format(date);
}
