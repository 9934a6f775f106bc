import type { PaymentStatus } from '@/generated/prisma/enums';

/**
 * The payment's states, in one place: which exist, which moves are allowed, which are open, the
 * page a customer sees for each and its label. Nothing else in app/, lib/ or components/ names a
 * payment status (test: lib/payments/states.test.ts). The database also refuses to change a final
 * payment (migration 20261128040000_final_payments_are_final).
 *
 *   CREATED ──send code──▶ AWAITING_OTP ──right code, approved──▶ COMPLETED
 *      │  ▲ (new amount)      │  │ (resend)       └─declined──▶ FAILED
 *      └──┴───────────────────┴──┴──▶ CANCELLED (customer), EXPIRED (nobody finished)
 */
export const PAYMENT_STATUSES = [
  'CREATED',
  'AWAITING_OTP',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
] as const satisfies readonly PaymentStatus[];

/** A payment still waiting for the customer: it may be re-priced, coded, confirmed, cancelled. */
export const OPEN_STATUSES = ['CREATED', 'AWAITING_OTP'] as const satisfies readonly PaymentStatus[];

/** Where a payment may go from each state. Every move not here is refused. */
export const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  CREATED: ['CREATED', 'AWAITING_OTP', 'CANCELLED', 'EXPIRED'],
  AWAITING_OTP: ['CREATED', 'AWAITING_OTP', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'],
  COMPLETED: [],
  FAILED: [],
  CANCELLED: [],
  EXPIRED: [],
};

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a payment may be in to move to `to`: the condition of every status-changing UPDATE. */
export function statusesBefore(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => canMove(from, to));
}

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export function isCompleted(status: string): boolean {
  return status === 'COMPLETED';
}

/** The page a customer is sent to for a payment in `status`. */
export function paymentPage(paymentId: string, status: string): string {
  if (status === 'CREATED') return `/payments/${paymentId}/review`;
  if (status === 'AWAITING_OTP') return `/payments/${paymentId}/authorize`;
  return `/payments/${paymentId}`;
}

/** How a status reads to a customer (history, receipt) and to staff. */
export const STATUS_LABELS: Record<PaymentStatus, string> = {
  CREATED: 'Not confirmed yet',
  AWAITING_OTP: 'Waiting for code',
  COMPLETED: 'Paid',
  FAILED: 'Declined',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as PaymentStatus] ?? status;
}

/** The receipt page's heading and message for a payment that did not complete. */
export function unfinishedReceipt(status: string, failureMessage: string | null): { title: string; message: string } {
  switch (status) {
    case 'FAILED':
      return {
        title: 'Payment declined',
        message: failureMessage ?? 'The payment did not go through. Nothing was charged.',
      };
    case 'EXPIRED':
      return {
        title: 'Payment expired',
        message: 'The code for this payment was not entered in time, so nothing was charged. You can start again.',
      };
    case 'CANCELLED':
      return { title: 'Payment cancelled', message: 'You cancelled this payment. Nothing was charged.' };
    default:
      return { title: 'Payment not finished', message: 'This payment is waiting for its code.' };
  }
}

/** Statuses a customer's payment history shows: everything but a payment never sent for a code. */
export const HISTORY_STATUSES = PAYMENT_STATUSES.filter((s) => s !== 'CREATED');

/** Statuses the bills page lists under an account: the ones that ended with a charge attempt. */
export const CHARGED_STATUSES = ['COMPLETED', 'FAILED'] as const satisfies readonly PaymentStatus[];

/** Statuses of a payment the customer walked away from (the dashboard's abandonment rate). */
export const ABANDONED_STATUSES = ['EXPIRED', 'CANCELLED'] as const satisfies readonly PaymentStatus[];
