import 'server-only';
import { translate } from '@/lib/i18n/translate';
import { db, statement } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { centsToDecimalString } from '@/lib/money';
import { withTimeout } from '@/lib/processor/timeout';
import { paymentProcessor, type ChargeState, type PaymentProcessor } from '@/lib/processor';
import { plainMessage } from '@/lib/sms/queue';
import { formatPhone } from '@/lib/phone';
import { smsTemplatesFor } from '@/lib/sms/templates';
import type { PaymentMethodType, PaymentStatus } from '@/generated/prisma/enums';
import {
  awaitsBankStep,
  IN_FLIGHT_STATUSES,
  isCompleted,
  isInFlight,
  RESERVING_STATUSES,
  movesTable,
  reservesBill,
} from './states';

/** Asks the processor again about a payment it has not answered for; queued in phase 1. */
export const RECONCILE_PAYMENT_TASK = 'reconcile_payment';

/** What the customer's browser does next once the code was right. */
export type ChargeOutcome =
  | { outcome: 'completed' | 'declined' | 'processing'; paymentId: string }
  | { outcome: 'requires_action'; paymentId: string; actionUrl: string };

/**
 * Phase 1 of a payment, in the statement that consumes its code (`utilitypay_payment_reserve` through
 * `utilitypay_otp_verify_and_reserve`, migration 20261129120000): the bill's row is locked, its
 * balance re-checked, the amount reserved against it (counted in its paid amount, so a second payment
 * cannot overpay it) and the payment moved to PROCESSING. A reconciliation job is queued in the same
 * statement: if this process dies before the processor's answer is applied, the job asks the
 * processor (by the payment's idempotency key) and applies it. Nothing here talks to the processor,
 * so no lock is held across a network call. A bill paid meanwhile declines the payment (nothing
 * reserved, nothing charged). These are its arguments.
 */
export function reserveStep(paymentId: string, amountCents: number): Record<string, unknown> {
  return {
    paymentId,
    amount: centsToDecimalString(amountCents),
    moves: movesTable(),
    decline: { code: 'exceeds_balance', message: translate({ key: 'decline.exceeds_balance' }) },
    job: {
      task: RECONCILE_PAYMENT_TASK,
      key: `reconcile:${paymentId}`,
      afterSeconds: Math.ceil(env().PROCESSOR_TIMEOUT_MS / 1000) + 30,
      maxAttempts: 25,
    },
  };
}

/**
 * Phase 2 and 3: asks the processor to charge (outside any transaction or lock, bounded by
 * PROCESSOR_TIMEOUT_MS), then applies its answer in a second short transaction. The processor
 * charges a payment at most once (its id is the idempotency key), so this may run again for the same
 * payment (reconciliation, a retried job) without charging twice. A processor that fails or does
 * not answer in time leaves the payment PROCESSING for reconciliation.
 */
export async function chargePayment(
  paymentId: string,
  processor: PaymentProcessor = paymentProcessor(),
  reserved?: ChargeFacts,
): Promise<ChargeOutcome> {
  // `reserved`: what phase 1 answered with, read after it moved the payment to PROCESSING.
  const payment = reserved ?? (await readChargeFacts(paymentId));
  if (!isInFlight(payment.status) || !payment.method) return outcomeFor(payment.status, paymentId, null);
  let state: ChargeState;
  try {
    state = await withTimeout(
      processor.charge({
        paymentId,
        // The bill is credited with amountCents; the fee comes on top.
        amountCents: payment.amountCents + payment.feeCents,
        currency: payment.currency,
        method: payment.method,
        processorCustomerId: payment.customer.processorCustomerId,
        returnUrl: new URL(`/payments/${paymentId}`, env().PUBLIC_ORIGIN).toString(),
        description: `${payment.utility.shortName} bill payment ${payment.confirmationNumber}`,
      }),
      env().PROCESSOR_TIMEOUT_MS,
    );
  } catch (error) {
    await audit({
      actorType: 'SYSTEM',
      action: 'payment.processor_unreachable',
      subjectType: 'payment',
      subjectId: paymentId,
      details: { error: error instanceof Error ? error.message.slice(0, 200) : String(error) },
    });
    return { outcome: 'processing', paymentId };
  }
  return applyChargeState(paymentId, state, payment);
}

/**
 * Applies what the processor says about a payment, under the payment's and the bill's row locks:
 * succeeded -> COMPLETED (confirmation text); requires_action -> REQUIRES_ACTION; failed -> FAILED
 * (the reservation released); returned -> RETURNED (the bill owes it again; the customer is texted).
 * Only moves the state machine allows are made, so answers that arrive twice or out of order
 * (a webhook after the confirm step applied the same answer, `processing` after `succeeded`)
 * change nothing. One statement (`utilitypay_payment_apply`, migration 20261129120000) with the text
 * it would send worded here; `facts` are the payment's text facts when the caller read them already.
 */
export async function applyChargeState(
  paymentId: string,
  state: ChargeState,
  facts?: ChargeFacts,
): Promise<ChargeOutcome> {
  const payment = facts ?? (await readChargeFacts(paymentId));
  const now = clock.now();
  const kind = TEXT_FOR[state.status];
  const argument = JSON.stringify({
    paymentId,
    now,
    state,
    amount: centsToDecimalString(payment.amountCents),
    moves: movesTable(),
    reserving: RESERVING_STATUSES,
    inFlight: IN_FLIGHT_STATUSES,
    sms: kind ? plainMessage(kind, textFor(kind, payment, now)) : null,
  });
  const [after] = await statement<{ payment_status: PaymentStatus; next_action_url: string | null }>(
    undefined,
    'utilitypay_payment_apply',
    'SELECT * FROM utilitypay_payment_apply($1::jsonb)',
    argument,
  );
  return outcomeFor(after!.payment_status, paymentId, after!.next_action_url);
}

/**
 * Brings a payment in flight up to date with the processor: one never sent (the process died
 * between the phases) is charged now, by the same idempotency key, so a charge that did reach the
 * processor is found rather than made again; one with a reference is looked up. One waiting too long
 * for its extra step is cancelled at the processor. Used by the reconciliation job, the sweep and
 * the processor's events.
 */
export async function syncPayment(
  paymentId: string,
  processor: PaymentProcessor = paymentProcessor(),
  options: { abandonActionBefore?: Date } = {},
): Promise<ChargeOutcome | null> {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { status: true, processorReference: true, processingAt: true },
  });
  if (!payment) return null;
  if (!payment.processorReference) {
    if (!isInFlight(payment.status)) return null;
    return chargePayment(paymentId, processor);
  }
  const abandoned =
    awaitsBankStep(payment.status) &&
    options.abandonActionBefore &&
    payment.processingAt &&
    payment.processingAt < options.abandonActionBefore;
  const state = abandoned
    ? await processor.cancel(payment.processorReference)
    : await processor.retrieve(payment.processorReference);
  return applyChargeState(paymentId, state);
}

/** The text each answer sends the customer when it moves the payment. */
const TEXT_FOR: Record<ChargeState['status'], TextKind | null> = {
  processing: null,
  requires_action: null,
  succeeded: 'PAYMENT_CONFIRMATION',
  failed: 'PAYMENT_DECLINED',
  returned: 'PAYMENT_RETURNED',
};

type TextKind = 'PAYMENT_CONFIRMATION' | 'PAYMENT_RETURNED' | 'PAYMENT_DECLINED';

/**
 * What charging a payment and wording its texts needs, read with the payment in one statement
 * (`utilitypay_payment_charge_facts`, migration 20261129150000): the confirm step gets it in the
 * answer of the statement that consumes the code and reserves the amount, the processor's answers
 * read it on their own.
 */
export type ChargeFacts = {
  status: PaymentStatus;
  amountCents: number;
  feeCents: number;
  currency: string;
  confirmationNumber: string;
  method: { token: string; type: PaymentMethodType } | null;
  customer: { language: string; processorCustomerId: string | null };
  account: { accountNumber: string };
  utility: { shortName: string; currency: string; timeZone: string; supportPhone: string };
};

async function readChargeFacts(paymentId: string): Promise<ChargeFacts> {
  const [row] = await statement<{ facts: ChargeFacts | null }>(
    undefined,
    'utilitypay_payment_charge_facts',
    'SELECT utilitypay_payment_charge_facts($1::uuid) AS facts',
    paymentId,
  );
  if (!row?.facts) throw new Error(`Payment ${paymentId} not found`);
  return row.facts;
}

/** The customer's text for `kind`, in their language, whoever sends it (the confirm step, the worker, a webhook). */
function textFor(kind: TextKind, payment: ChargeFacts, now: Date): string {
  const smsTemplates = smsTemplatesFor(payment.customer.language);
  const common = {
    utility: payment.utility,
    amountCents: payment.amountCents,
    accountNumber: payment.account.accountNumber,
    confirmationNumber: payment.confirmationNumber,
  };
  switch (kind) {
    case 'PAYMENT_CONFIRMATION':
      return smsTemplates.paymentConfirmation({ ...common, completedAt: now });
    case 'PAYMENT_RETURNED':
      return smsTemplates.paymentReturned({ ...common, supportPhone: formatPhone(payment.utility.supportPhone) });
    case 'PAYMENT_DECLINED':
      // What the customer approved and was not charged: the amount and any fee.
      return smsTemplates.paymentDeclined({
        ...common,
        amountCents: payment.amountCents + payment.feeCents,
        supportPhone: formatPhone(payment.utility.supportPhone),
      });
  }
}

/** Where a payment in `status` sends the customer. */
export function outcomeFor(status: string, paymentId: string, actionUrl: string | null): ChargeOutcome {
  if (awaitsBankStep(status) && actionUrl) return { outcome: 'requires_action', paymentId, actionUrl };
  if (reservesBill(status)) return { outcome: isCompleted(status) ? 'completed' : 'processing', paymentId };
  return { outcome: 'declined', paymentId };
}
