import 'server-only';
import type { Task } from 'graphile-worker';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import type { DomainJobs } from '@/lib/jobs/types';
import { sandboxProcessor, sandboxSettle, SANDBOX_SETTLE_TASK } from '@/lib/processor/sandbox';
import { RECONCILE_PAYMENT_TASK, syncPayment } from './charge-payment';
import { expireStalePayments } from './expire-payments';
import { receiveProcessorEvent } from './processor-events';
import { RECONCILE_REFUND_TASK, sendRefund } from './refund-payment';
import { IN_FLIGHT_STATUSES, isInFlight } from './states';
import { DETACH_METHOD_TASK, detachQueuedMethod } from './methods';

/** A payment whose processor was never heard from is asked about after this long. */
const UNANSWERED_AFTER_MS = 2 * 60_000;
/** A customer who has not finished their bank's extra step after this long has abandoned it. */
export const BANK_STEP_TTL_MS = 30 * 60_000;
/** A bank debit still processing is looked up this often, in case its webhook was lost. */
const RECHECK_PROCESSING_AFTER_MS = 60 * 60_000;

const reconcilePayment: Task = async (payload) => {
  const { paymentId } = payload as { paymentId: string };
  // Most payments were answered long before their job runs: nothing to ask the processor then.
  const before = await db().payment.findUnique({ where: { id: paymentId }, select: { status: true } });
  if (!before || !isInFlight(before.status)) return;
  const outcome = await syncPayment(paymentId, undefined, {
    abandonActionBefore: new Date(clock.now().getTime() - BANK_STEP_TTL_MS),
  });
  const payment = await db().payment.findUnique({ where: { id: paymentId }, select: { processorReference: true } });
  // Still no answer from the processor: fail the job so graphile-worker tries again with backoff.
  if (outcome?.outcome === 'processing' && !payment?.processorReference)
    throw new Error(`The processor has not answered for payment ${paymentId} yet`);
};

/**
 * Every payment in flight that needs the processor asked: never answered (a crash or an outage
 * between the phases), an extra step abandoned, a bank debit whose webhook may have been lost.
 */
export async function sweepPaymentsInFlight(now: Date): Promise<number> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const due = await db().payment.findMany({
    where: {
      status: { in: [...IN_FLIGHT_STATUSES] },
      OR: [
        { processorReference: null, processingAt: { lte: ago(UNANSWERED_AFTER_MS) } },
        { nextActionUrl: { not: null }, processingAt: { lte: ago(BANK_STEP_TTL_MS) } },
        { updatedAt: { lte: ago(RECHECK_PROCESSING_AFTER_MS) } },
      ],
    },
    select: { id: true },
    orderBy: { processingAt: 'asc' },
    take: 100,
  });
  for (const { id } of due) {
    await syncPayment(id, undefined, { abandonActionBefore: ago(BANK_STEP_TTL_MS) }).catch((error: unknown) =>
      console.error(`[payments] could not reconcile ${id}:`, error instanceof Error ? error.message : error),
    );
  }
  return due.length;
}

const reconcileRefund: Task = async (payload) => {
  const { refundId } = payload as { refundId: string };
  const { outcome } = await sendRefund(refundId);
  // No answer from the processor yet: graphile-worker tries again with backoff.
  if (outcome === 'pending') throw new Error(`The processor has not answered for refund ${refundId} yet`);
};

const settleSandboxCharge: Task = async (payload) => {
  const { reference } = payload as { reference: string };
  const event = await sandboxSettle(reference);
  if (event) await receiveProcessorEvent(event, sandboxProcessor);
};

/**
 * Payments nobody finished become EXPIRED, every minute; payments in flight are reconciled with the
 * processor (one job each, queued when the code was verified, and a sweep every 5 minutes), and so
 * are refunds; the sandbox's bank debits settle.
 */
export const paymentJobs: DomainJobs = {
  tasks: {
    expire_payments: async () => void (await expireStalePayments(clock.now())),
    sweep_payments: async () => void (await sweepPaymentsInFlight(clock.now())),
    [RECONCILE_PAYMENT_TASK]: reconcilePayment,
    [RECONCILE_REFUND_TASK]: reconcileRefund,
    [SANDBOX_SETTLE_TASK]: settleSandboxCharge,
    [DETACH_METHOD_TASK]: (payload) => detachQueuedMethod(payload as { token: string; processor: string }),
  },
  crontab: ['* * * * * expire_payments', '*/5 * * * * sweep_payments'],
};
