import { dateColumnDay, dayAsDateColumn } from '@/lib/clock/days';
import { dateTimeFormat } from '@/lib/intl/date-time-format';

export type BillState = 'due' | 'overdue' | 'paid';

/** The stored Bill.status for a bill's amounts: the one formula (staff reports and exports read it). */
export function billStatusFor(amountDueCents: number, amountPaidCents: number): 'PAID' | 'PARTIALLY_PAID' | 'UNPAID' {
  if (amountPaidCents >= amountDueCents) return 'PAID';
  return amountPaidCents > 0 ? 'PARTIALLY_PAID' : 'UNPAID';
}

export function billState(bill: { amountDueCents: number; amountPaidCents: number; dueDate: Date }, today: string): BillState {
  if (bill.amountDueCents - bill.amountPaidCents <= 0) return 'paid';
  return dateColumnDay(bill.dueDate) < today ? 'overdue' : 'due';
}

export function maskAccountNumber(accountNumber: string): string {
  return `•••• ${accountNumber.slice(-4)}`;
}

/** A calendar date column (stored at UTC midnight) as "Dec 1, 2026". */
export function formatBillDate(date: Date): string {
  return dateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A day ("2026-11-28") as "Nov 28". */
export function formatShortDay(day: string): string {
  return dateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(dayAsDateColumn(day));
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
