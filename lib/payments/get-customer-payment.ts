import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { maskAccountNumber } from '@/lib/bills/status';
import { isStale } from './expire-payments';
import { isUuid } from '@/lib/validation/ids';
import type { PaymentStatus } from '@/generated/prisma/enums';
import { HISTORY_STATUSES } from './states';
import { methodLabel } from './methods';

export type PaymentView = {
  id: string;
  status: PaymentStatus;
  confirmationNumber: string;
  amountCents: number;
  /** The convenience fee on top of amountCents; the customer is charged both. */
  feeCents: number;
  currency: string;
  accountMasked: string;
  serviceAddress: string;
  billId: string;
  billBalanceCents: number;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  completedAt: Date | null;
  /** The open (or latest) code challenge for this payment. */
  challengeId: string | null;
  /** "Visa ••4242": the card or bank account it is paid from. */
  methodLabel: string | null;
  methodType: 'CARD' | 'US_BANK_ACCOUNT' | null;
  /** Where the customer finishes their bank's extra step (REQUIRES_ACTION). */
  nextActionUrl: string | null;
  /** Refunds issued or on their way. */
  refunds: Array<{ amountCents: number; createdAt: Date; issued: boolean }>;
};

/**
 * A payment, only if it is the customer's (ownership in the query). Anything else, including
 * another customer's payment, is null, and the attempt goes to the audit log.
 */
export async function getCustomerPayment(
  customerId: string,
  paymentId: string,
  clientIp: string | null = null,
): Promise<PaymentView | null> {
  const payment = isUuid(paymentId)
    ? await db().payment.findFirst({
        where: { id: paymentId, customerId },
        select: {
          id: true,
          status: true,
          confirmationNumber: true,
          amountCents: true,
          feeCents: true,
          currency: true,
          failureCode: true,
          failureMessage: true,
          createdAt: true,
          completedAt: true,
          nextActionUrl: true,
          method: { select: { type: true, brand: true, last4: true } },
          refunds: {
            where: { status: { in: ['PENDING', 'SUCCEEDED'] } },
            orderBy: { createdAt: 'asc' },
            select: { amountCents: true, createdAt: true, status: true },
          },
          billId: true,
          bill: { select: { amountDueCents: true, amountPaidCents: true } },
          account: { select: { accountNumber: true, serviceAddress: true } },
          otpSentAt: true,
          updatedAt: true,
          challenges: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, status: true, expiresAt: true } },
        },
      })
    : null;
  if (!payment) {
    await audit({
      actorType: 'CUSTOMER',
      actorId: customerId,
      action: 'payment.access_refused',
      subjectType: 'payment',
      subjectId: paymentId.slice(0, 64),
      clientIp,
    });
    return null;
  }
  return {
    id: payment.id,
    // Past its time, it reads as expired now; the expiry job writes it (and texts) within a minute.
    status: isStale(payment, clock.now()) ? 'EXPIRED' : payment.status,
    confirmationNumber: payment.confirmationNumber,
    amountCents: payment.amountCents,
    feeCents: payment.feeCents,
    currency: payment.currency,
    accountMasked: maskAccountNumber(payment.account.accountNumber),
    serviceAddress: payment.account.serviceAddress,
    billId: payment.billId,
    billBalanceCents: Math.max(0, payment.bill.amountDueCents - payment.bill.amountPaidCents),
    methodLabel: payment.method ? methodLabel(payment.method) : null,
    methodType: payment.method?.type ?? null,
    nextActionUrl: payment.nextActionUrl,
    refunds: payment.refunds.map((r) => ({
      amountCents: r.amountCents,
      createdAt: r.createdAt,
      issued: r.status === 'SUCCEEDED',
    })),
    failureCode: payment.failureCode,
    failureMessage: payment.failureMessage,
    createdAt: payment.createdAt,
    completedAt: payment.completedAt,
    challengeId: payment.challenges[0]?.id ?? null,
  };
}

export async function listCustomerPayments(customerId: string, take = 50) {
  const payments = await db().payment.findMany({
    where: { customerId, status: { in: HISTORY_STATUSES } },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      status: true,
      amountCents: true,
      currency: true,
      confirmationNumber: true,
      createdAt: true,
      completedAt: true,
      account: { select: { accountNumber: true } },
    },
  });
  return payments.map(({ account, ...p }) => ({ ...p, accountMasked: maskAccountNumber(account.accountNumber) }));
}
