import 'server-only';
import { db } from '@/lib/db';
import { paymentProcessor, type PaymentProcessor } from '@/lib/processor';
import { isUuid } from '@/lib/validation/ids';
import { syncPayment } from './charge-payment';

/** An event from the processor (a verified Stripe webhook, or the sandbox's own), as the app keeps it. */
export type ProcessorEventInput = {
  id: string;
  type: string;
  /** The charge it is about (Stripe: pi_...). */
  reference: string | null;
  /** Our payment's id, when the processor carries it (Stripe: the PaymentIntent's metadata). */
  paymentId: string | null;
  occurredAt: Date;
};

/**
 * Applies a processor event once. The event only says that something changed; what changed is read
 * from the processor itself (syncPayment), so events that arrive twice, late or out of order apply
 * the charge's current state, and the state machine refuses anything already applied. The event is
 * stored (its id unique) after it was applied: a delivery that failed half-way is delivered again
 * by the processor and applied then; one already stored is answered 'duplicate' without a call.
 */
export async function receiveProcessorEvent(
  event: ProcessorEventInput,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<'applied' | 'duplicate' | 'unknown_payment'> {
  if (await db().processorEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return 'duplicate';
  const payment = await findPayment(event);
  if (payment) await syncPayment(payment.id, processor);
  await db().processorEvent.createMany({
    data: [
      {
        id: event.id,
        processor: processor.name,
        type: event.type,
        paymentId: payment?.id ?? null,
        reference: event.reference,
        occurredAt: event.occurredAt,
      },
    ],
    skipDuplicates: true,
  });
  return payment ? 'applied' : 'unknown_payment';
}

async function findPayment(event: ProcessorEventInput): Promise<{ id: string } | null> {
  if (event.reference) {
    const byReference = await db().payment.findFirst({
      where: { processorReference: event.reference },
      select: { id: true },
    });
    if (byReference) return byReference;
  }
  // The event can outrun the answer to our own request (the reference not stored yet).
  if (event.paymentId && isUuid(event.paymentId))
    return db().payment.findUnique({ where: { id: event.paymentId }, select: { id: true } });
  return null;
}
