import 'server-only';
import { db } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { changeBillPaid } from '@/lib/bills/paid';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { withTimeout } from '@/lib/processor/timeout';
import { paymentProcessor, ProcessorError, type PaymentProcessor } from '@/lib/processor';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { isUuid } from '@/lib/validation/ids';
import { PaymentError } from './errors';
import { isCompleted } from './states';

/** Asks the processor again about a refund it has not answered for; queued with the refund. */
export const RECONCILE_REFUND_TASK = 'reconcile_refund';

export type RefundOptions = {
  staffId: string;
  paymentId: string;
  amountCents: number;
  reason: string;
  /** One per refund form: submitting it twice makes one refund. */
  idempotencyKey: string;
  clientIp: string | null;
};

/** How a refund stands: issued by the processor, on its way (no answer yet), or refused. */
export type RefundResult = { refundId: string; outcome: 'issued' | 'pending' | 'refused'; message: string | null };

const OUTCOMES = { SUCCEEDED: 'issued', PENDING: 'pending', FAILED: 'refused' } as const;

/**
 * Refunds part or all of a completed payment, in the same two phases as a charge: (1) one short
 * transaction, under the payment's and the bill's row locks, checks what is left to refund, records
 * the refund PENDING, counts it on the payment and takes it off the bill's paid amount (so two
 * refunds racing never give back more than was taken), and queues a reconciliation job; (2) the
 * processor is asked outside any lock, with the refund's id as its idempotency key; (3) its answer
 * is applied: SUCCEEDED (the customer is texted) or FAILED (everything given back). A processor
 * that does not answer leaves it PENDING for the job.
 */
export async function refundPayment(
  options: RefundOptions,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<RefundResult> {
  if (!isUuid(options.paymentId)) throw new NotFoundError('That payment');
  const refund = await transaction(async (tx) => {
    const [payment] = await tx.$queryRaw<
      Array<{
        status: string;
        amountCents: number;
        refundedCents: number;
        currency: string;
        processorReference: string | null;
        billId: string;
      }>
    >`
      SELECT status::text AS status, "amountCents", "refundedCents", currency, "processorReference", "billId"
        FROM "Payment" WHERE id = ${options.paymentId}::uuid FOR UPDATE`;
    if (!payment) throw new NotFoundError('That payment');
    // After the payment's lock: a second submit of the same form waits here, then finds the first's refund.
    const existing = await tx.refund.findUnique({ where: { idempotencyKey: options.idempotencyKey } });
    if (existing) {
      if (existing.paymentId !== options.paymentId) throw new NotFoundError('That refund');
      return existing;
    }
    if (!isCompleted(payment.status) || !payment.processorReference)
      throw new PaymentError('not_refundable', 'Only a completed payment can be refunded.');
    const left = payment.amountCents - payment.refundedCents;
    if (options.amountCents < 1 || options.amountCents > left)
      throw new PaymentError(
        'amount_too_large',
        left === 0
          ? 'This payment was refunded in full already.'
          : `Refund at most ${formatMoney(left, payment.currency)}, what is left of this payment.`,
        'amount',
      );
    const created = await tx.refund.create({
      data: {
        paymentId: options.paymentId,
        amountCents: options.amountCents,
        reason: options.reason,
        staffUserId: options.staffId,
        idempotencyKey: options.idempotencyKey,
        createdAt: clock.now(),
      },
    });
    await tx.payment.update({
      where: { id: options.paymentId },
      data: { refundedCents: { increment: options.amountCents } },
    });
    await changeBillPaid(tx, payment.billId, -options.amountCents);
    const seconds = Math.ceil(env().PROCESSOR_TIMEOUT_MS / 1000) + 30;
    await tx.$executeRaw`SELECT graphile_worker.add_job(${RECONCILE_REFUND_TASK}::text, json_build_object('refundId', ${created.id}::text), job_key := ${`refund:${created.id}`}::text, run_at := now() + make_interval(secs => ${seconds}::int), max_attempts := 25)`;
    await audit(
      {
        actorType: 'STAFF',
        actorId: options.staffId,
        action: 'payment.refund_requested',
        subjectType: 'payment',
        subjectId: options.paymentId,
        clientIp: options.clientIp,
        details: { amount: centsToDecimalString(options.amountCents), reason: options.reason, refundId: created.id },
      },
      tx,
    );
    return created;
  });
  if (refund.status !== 'PENDING') return resultOf(refund);
  return sendRefund(refund.id, processor);
}

/** Phases 2 and 3: asks the processor (idempotent by the refund's id) and applies its answer. */
export async function sendRefund(refundId: string, processor: PaymentProcessor = paymentProcessor()) {
  const refund = await db().refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: { select: { processorReference: true } } },
  });
  if (refund.status !== 'PENDING') return resultOf(refund);
  let answer: { reference: string } | ProcessorError;
  try {
    answer = await withTimeout(
      processor.refund({
        reference: refund.payment.processorReference!,
        amountCents: refund.amountCents,
        refundKey: refund.id,
      }),
      env().PROCESSOR_TIMEOUT_MS,
    );
  } catch (error) {
    if (!(error instanceof ProcessorError)) return resultOf(refund); // no answer: the job asks again
    answer = error;
  }
  return applyRefundAnswer(refundId, answer);
}

async function applyRefundAnswer(refundId: string, answer: { reference: string } | ProcessorError) {
  return transaction(async (tx) => {
    const [refund] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status::text AS status FROM "Refund" WHERE id = ${refundId}::uuid FOR UPDATE`;
    const row = await tx.refund.findUniqueOrThrow({
      where: { id: refundId },
      include: {
        payment: {
          select: {
            id: true,
            billId: true,
            confirmationNumber: true,
            customer: { select: { phoneE164: true, language: true } },
            account: { select: { accountNumber: true } },
            utility: { select: { shortName: true, currency: true, timeZone: true } },
          },
        },
      },
    });
    if (refund?.status !== 'PENDING') return resultOf(row);
    const now = clock.now();
    const system = { actorType: 'SYSTEM' as const, subjectType: 'payment', subjectId: row.paymentId, at: now };
    if (answer instanceof ProcessorError) {
      const failed = await tx.refund.update({
        where: { id: refundId },
        data: { status: 'FAILED', failureMessage: answer.userMessage, completedAt: now },
      });
      await tx.payment.update({
        where: { id: row.paymentId },
        data: { refundedCents: { decrement: row.amountCents } },
      });
      await changeBillPaid(tx, row.payment.billId, row.amountCents);
      await audit({ ...system, action: 'payment.refund_failed', details: { refundId, code: answer.code } }, tx);
      return resultOf(failed);
    }
    const done = await tx.refund.update({
      where: { id: refundId },
      data: { status: 'SUCCEEDED', processorReference: answer.reference, completedAt: now },
    });
    await queueSms(tx, {
      kind: 'REFUND_ISSUED',
      toE164: row.payment.customer.phoneE164,
      carriesCode: false,
      paymentId: row.paymentId,
      text: smsTemplatesFor(row.payment.customer.language).refundIssued({
        utility: row.payment.utility,
        amountCents: row.amountCents,
        accountNumber: row.payment.account.accountNumber,
        confirmationNumber: row.payment.confirmationNumber,
      }),
    });
    await audit({ ...system, action: 'payment.refunded', details: { refundId, reference: answer.reference } }, tx);
    return resultOf(done);
  });
}

function resultOf(refund: { id: string; status: keyof typeof OUTCOMES; failureMessage: string | null }): RefundResult {
  return { refundId: refund.id, outcome: OUTCOMES[refund.status], message: refund.failureMessage };
}
