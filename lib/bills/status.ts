import { dateColumnDay } from '@/lib/clock/days';

export type BillState = 'due' | 'overdue' | 'paid';

/** The stored Bill.status for a bill's amounts: the one formula (staff reports and exports read it). */
export function billStatusFor(amountDueCents: number, amountPaidCents: number): 'PAID' | 'PARTIALLY_PAID' | 'UNPAID' {
  if (amountPaidCents >= amountDueCents) return 'PAID';
  return amountPaidCents > 0 ? 'PARTIALLY_PAID' : 'UNPAID';
}

export function billState(
  bill: { amountDueCents: number; amountPaidCents: number; dueDate: Date },
  today: string,
): BillState {
  if (bill.amountDueCents - bill.amountPaidCents <= 0) return 'paid';
  return dateColumnDay(bill.dueDate) < today ? 'overdue' : 'due';
}

export function maskAccountNumber(accountNumber: string): string {
  return `•••• ${accountNumber.slice(-4)}`;
}
