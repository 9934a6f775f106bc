import 'server-only';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { env } from '@/lib/env';
import { sandboxCompleteAction, sandboxProcessor } from '@/lib/processor/sandbox';
import { receiveProcessorEvent } from './processor-events';
import { awaitsBankStep } from './states';

/**
 * The sandbox's stand-in for a bank's 3-D Secure page: the customer's payment waiting for the step,
 * found by the processor's reference, only for its own customer and only with the sandbox processor.
 */
/** The payment a sandbox reference belongs to (to find who may take its step), or '' when none. */
export async function paymentIdOfReference(reference: string): Promise<string> {
  if (!/^pi_sandbox_[0-9a-f]{24}$/.test(reference)) return '';
  const payment = await db().payment.findFirst({ where: { processorReference: reference }, select: { id: true } });
  return payment?.id ?? '';
}

export async function sandboxStepFor(customerId: string, reference: string) {
  if (env().PAYMENT_PROCESSOR !== 'sandbox' || !/^pi_sandbox_[0-9a-f]{24}$/.test(reference))
    throw new NotFoundError('That bank step');
  const payment = await db().payment.findFirst({
    where: { processorReference: reference, customerId },
    select: {
      id: true,
      status: true,
      amountCents: true,
      currency: true,
      utility: { select: { name: true } },
      method: { select: { brand: true, last4: true } },
    },
  });
  if (!payment) throw new NotFoundError('That bank step');
  return { ...payment, waiting: awaitsBankStep(payment.status) };
}

/** The customer's answer at the stand-in bank page, applied as the processor's event would be. */
export async function finishSandboxStep(customerId: string, reference: string, approve: boolean): Promise<string> {
  const payment = await sandboxStepFor(customerId, reference);
  const event = await sandboxCompleteAction(reference, approve);
  if (event) await receiveProcessorEvent(event, sandboxProcessor);
  return payment.id;
}
