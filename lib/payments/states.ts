import type { PaymentStatus } from '@/generated/prisma/enums';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { isMessageKey, translate, type MessageKey } from '@/lib/i18n/translate';

/**
 * The payment's states, in one place: which exist, which moves are allowed, which are open, the
 * page a customer sees for each and its label. Nothing else in app/, lib/ or components/ names a
 * payment status (test: lib/payments/states.test.ts). The database also refuses to change a final
 * payment (migration 20261128040000_final_payments_are_final).
 *
 *   CREATED ──send code──▶ AWAITING_OTP ──right code──▶ PROCESSING ──approved / settled──▶ COMPLETED ──bank return──▶ RETURNED
 *      │  ▲ (new amount,      │  │ (resend)     (reserved)    │   ▲  └──declined / debit failed──▶ FAILED
 *      │  │  new method)      │  │                            ▼   │ (extra step done)
 *      │  │                   │  │                     REQUIRES_ACTION ──failed / abandoned──▶ FAILED
 *      └──┴───────────────────┴──┴──▶ CANCELLED (customer), EXPIRED (nobody finished)
 *
 * From PROCESSING on, the amount is reserved against the bill (counted in its paid amount), so a
 * second payment cannot overpay it; FAILED and RETURNED give it back.
 */
export const PAYMENT_STATUSES = [
  'CREATED',
  'AWAITING_OTP',
  'PROCESSING',
  'REQUIRES_ACTION',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
  'RETURNED',
] as const satisfies readonly PaymentStatus[];

/** A payment still waiting for the customer: it may be re-priced, coded, confirmed, cancelled. */
export const OPEN_STATUSES = ['CREATED', 'AWAITING_OTP'] as const satisfies readonly PaymentStatus[];

/** Where a payment may go from each state. Every move not here is refused. */
export const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  CREATED: ['CREATED', 'AWAITING_OTP', 'CANCELLED', 'EXPIRED'],
  // FAILED straight from AWAITING_OTP: the bill was paid by someone else before the code came in.
  AWAITING_OTP: ['CREATED', 'AWAITING_OTP', 'PROCESSING', 'FAILED', 'CANCELLED', 'EXPIRED'],
  PROCESSING: ['PROCESSING', 'REQUIRES_ACTION', 'COMPLETED', 'FAILED'],
  REQUIRES_ACTION: ['PROCESSING', 'COMPLETED', 'FAILED'],
  COMPLETED: ['RETURNED'],
  FAILED: [],
  CANCELLED: [],
  EXPIRED: [],
  RETURNED: [],
};

/** With the processor: the amount is reserved against the bill while the answer is awaited. */
export const IN_FLIGHT_STATUSES = ['PROCESSING', 'REQUIRES_ACTION'] as const satisfies readonly PaymentStatus[];

/** The payments whose amounts the bill's paid amount counts: in flight or completed. */
export const RESERVING_STATUSES = [...IN_FLIGHT_STATUSES, 'COMPLETED'] as const satisfies readonly PaymentStatus[];

export function isInFlight(status: string): boolean {
  return (IN_FLIGHT_STATUSES as readonly string[]).includes(status);
}

/** Waiting for the customer's extra step at their bank (3-D Secure). */
export function awaitsBankStep(status: string): boolean {
  return status === 'REQUIRES_ACTION';
}

/** Started, but never sent for a code (the review page). */
export function awaitsReview(status: string): boolean {
  return status === 'CREATED';
}

/** Its code was texted and not yet entered. */
export function awaitsCode(status: string): boolean {
  return status === 'AWAITING_OTP';
}

export function reservesBill(status: string): boolean {
  return (RESERVING_STATUSES as readonly string[]).includes(status);
}

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a payment may be in to move to `to`: the condition of every status-changing UPDATE. */
export function statusesBefore(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => canMove(from, to));
}

/** statusesBefore for every state: the table the payment steps' PL/pgSQL functions move by. */
export function movesTable(): Record<PaymentStatus, PaymentStatus[]> {
  return Object.fromEntries(PAYMENT_STATUSES.map((to) => [to, statusesBefore(to)])) as Record<
    PaymentStatus,
    PaymentStatus[]
  >;
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
/** A payment status as a customer (or staff, in English) reads it. */
export function statusLabel(status: string, locale: Locale = DEFAULT_LOCALE): string {
  const key = `paymentStatus.${status}`;
  return isMessageKey(key) ? translate({ key }, locale) : status;
}

/**
 * The receipt page's heading and message for a payment that did not complete, in the page's
 * language; `pending` ones are on their way (counted on the bill), the others did not take money.
 * A decline says why when its code has a message; otherwise, in English, what the processor said.
 */
export function unfinishedReceipt(
  status: string,
  failure: { code: string | null; message: string | null },
  locale: Locale = DEFAULT_LOCALE,
): { title: string; message: string; pending: boolean } {
  const t = (key: MessageKey) => translate({ key }, locale);
  const declineKey = `decline.${failure.code}`;
  const why =
    failure.code && isMessageKey(declineKey) ? t(declineKey) : locale === DEFAULT_LOCALE ? failure.message : null;
  const text = (): { title: string; message: string } => {
    switch (status) {
      case 'FAILED':
        return { title: t('unfinished.failedTitle'), message: why ?? t('unfinished.failed') };
      case 'EXPIRED':
        return { title: t('unfinished.expiredTitle'), message: t('unfinished.expired') };
      case 'CANCELLED':
        return { title: t('unfinished.cancelledTitle'), message: t('unfinished.cancelled') };
      case 'PROCESSING':
        return { title: t('unfinished.processingTitle'), message: t('unfinished.processing') };
      case 'REQUIRES_ACTION':
        return { title: t('unfinished.requiresActionTitle'), message: t('unfinished.requiresAction') };
      case 'RETURNED':
        // The bank's reason, as stored, in English; the general explanation otherwise.
        return {
          title: t('unfinished.returnedTitle'),
          message: (locale === DEFAULT_LOCALE ? failure.message : null) ?? t('unfinished.returned'),
        };
      default:
        return { title: t('unfinished.waitingTitle'), message: t('unfinished.waiting') };
    }
  };
  return { pending: isInFlight(status), ...text() };
}

/** Statuses a customer's payment history shows: everything but a payment never sent for a code. */
export const HISTORY_STATUSES = PAYMENT_STATUSES.filter((s) => s !== 'CREATED');

/** Statuses the bills page lists under an account: the ones that reached the processor. */
export const CHARGED_STATUSES = [
  'PROCESSING',
  'REQUIRES_ACTION',
  'COMPLETED',
  'FAILED',
  'RETURNED',
] as const satisfies readonly PaymentStatus[];

/** Statuses of a payment the customer walked away from (the dashboard's abandonment rate). */
export const ABANDONED_STATUSES = ['EXPIRED', 'CANCELLED'] as const satisfies readonly PaymentStatus[];

/** Payments whose money settled at some point (a returned debit settled before it came back). */
export const SETTLED_STATUSES = ['COMPLETED', 'RETURNED'] as const satisfies readonly PaymentStatus[];
