import 'server-only';
import { auditActionLabel } from '@/lib/audit/actions';
import { db } from '@/lib/db';
import { maskPhone } from '@/lib/phone';
import { isUuid } from '@/lib/validation/ids';

export type TimelineEntry = {
  at: Date;
  what: string;
  detail?: string;
  source: 'payment' | 'code' | 'text' | 'staff' | 'processor';
};

const TEXT_KINDS: Record<string, string> = {
  OTP_PAYMENT: 'Code text',
  PAYMENT_CONFIRMATION: 'Confirmation text',
  PAYMENT_RETURNED: 'Returned-debit text',
  REFUND_ISSUED: 'Refund text',
};

const OTP_TEXT: Record<string, string> = {
  CREATED: 'Code created',
  SENT: 'Code sent',
  VERIFIED: 'Right code entered',
  WRONG_CODE: 'Wrong code entered',
  EXPIRED: 'Code used after it expired',
  LOCKED: 'Code killed after 3 wrong tries',
  SUPERSEDED: 'Code replaced by a resend',
  INVALIDATED: 'Code killed: the payment changed',
  BUDGET_SPENT: "Phone's wrong-code budget spent",
  RATE_LIMITED: 'Code request refused by a send limit',
  TEXT_BUDGET_TRIPPED: 'Code request refused: a text budget (all numbers, or this prefix) was spent',
};

/** A payment and everything that happened to it, oldest first, for staff. */
export async function getPaymentTimeline(paymentId: string) {
  if (!isUuid(paymentId)) return null;
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    include: {
      account: { select: { id: true, accountNumber: true, holderName: true, serviceAddress: true } },
      customer: { select: { id: true, name: true, phoneE164: true } },
      bill: { select: { id: true, statementDate: true, amountDueCents: true, amountPaidCents: true } },
      messages: { orderBy: { createdAt: 'asc' } },
      challenges: { select: { id: true } },
      events: { orderBy: { receivedAt: 'asc' } },
      refunds: { orderBy: { createdAt: 'asc' } },
      method: { select: { type: true, brand: true, last4: true } },
    },
  });
  if (!payment) return null;
  const [auditEntries, otpEvents] = await Promise.all([
    db().auditLog.findMany({ where: { subjectType: 'payment', subjectId: paymentId }, orderBy: { createdAt: 'asc' } }),
    db().otpEvent.findMany({
      where: { challengeId: { in: payment.challenges.map((c) => c.id) } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...auditEntries.map((a) => ({
      at: a.createdAt,
      what: auditActionLabel(a.action),
      detail:
        [a.clientIp ? `from ${a.clientIp}` : null, a.details ? JSON.stringify(a.details) : null]
          .filter(Boolean)
          .join(' · ') || undefined,
      source: a.actorType === 'STAFF' ? ('staff' as const) : ('payment' as const),
    })),
    ...otpEvents.map((e) => ({
      at: e.createdAt,
      what: OTP_TEXT[e.type] ?? e.type,
      detail: [e.phoneMasked, e.clientIp].filter(Boolean).join(' · '),
      source: 'code' as const,
    })),
    ...payment.events.map((e) => ({
      at: e.receivedAt,
      what: `Processor event ${e.type}`,
      detail: [e.id, e.reference].filter(Boolean).join(' · '),
      source: 'processor' as const,
    })),
    ...payment.messages.flatMap((m) => {
      const kind = TEXT_KINDS[m.kind] ?? 'Text';
      const list: TimelineEntry[] = [{ at: m.createdAt, what: `${kind} queued`, source: 'text' }];
      if (m.handedOffAt)
        list.push({
          at: m.handedOffAt,
          what: `${kind} handed to ${m.transport ?? 'the provider'}`,
          detail: `attempt ${m.attempts}`,
          source: 'text',
        });
      if (m.deliveredAt) list.push({ at: m.deliveredAt, what: `${kind} delivered`, source: 'text' });
      if (['FAILED', 'DEAD', 'UNDELIVERED', 'SUPPRESSED'].includes(m.status))
        list.push({
          at: m.updatedAt,
          what: `${kind} ${m.status.toLowerCase()}`,
          detail: m.lastError ?? undefined,
          source: 'text',
        });
      return list;
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    payment: { ...payment, phoneMasked: maskPhone(payment.customer.phoneE164) },
    messages: payment.messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
    })),
    entries,
  };
}
