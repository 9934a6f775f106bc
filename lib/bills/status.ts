import { dateTimeFormat } from '@/lib/intl/date-time-format';

export type BillState = 'due' | 'overdue' | 'paid';

/** Today's date (YYYY-MM-DD) in the utility's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function billState(bill: { amountDueCents: number; amountPaidCents: number; dueDate: Date }, today: string): BillState {
  if (bill.amountDueCents - bill.amountPaidCents <= 0) return 'paid';
  return bill.dueDate.toISOString().slice(0, 10) < today ? 'overdue' : 'due';
}

export function maskAccountNumber(accountNumber: string): string {
  return `•••• ${accountNumber.slice(-4)}`;
}

/** A calendar date column (stored at UTC midnight) as "Dec 1, 2026". */
export function formatBillDate(date: Date): string {
  return dateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant's calendar date in the utility's time zone, as "Nov 27, 2026". */
export function formatDateIn(date: Date, timeZone: string): string {
  return dateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(date);
}

/** An instant in the utility's time zone, as "Nov 27, 2026, 9:41 AM CST". */
export function formatInstant(date: Date, timeZone: string, options: { seconds?: boolean } = {}): string {
  return dateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: options.seconds ? 'medium' : 'short', timeZone }).format(date) + ` ${shortZone(date, timeZone)}`;
}

function shortZone(date: Date, timeZone: string): string {
  return dateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
}
