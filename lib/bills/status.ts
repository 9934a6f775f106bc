import { dateColumnDay } from '@/lib/clock/days';

export type BillState = 'due' | 'overdue' | 'paid';

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
