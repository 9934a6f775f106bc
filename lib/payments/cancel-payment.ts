import 'server-only';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/ids';
import { statusesBefore } from './states';

/** The customer changed their mind before confirming: the payment and any code for it end here. */
export async function cancelPayment(options: {
  customerId: string;
  paymentId: string;
  clientIp: string | null;
}): Promise<void> {
  if (!isUuid(options.paymentId)) throw new NotFoundError('That payment');
  const now = clock.now();
  await transaction(async (tx) => {
    // Locked before its codes, as everywhere a payment and its codes change together.
    const [payment] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Payment" WHERE id = ${options.paymentId}::uuid AND "customerId" = ${options.customerId}::uuid FOR UPDATE`;
    if (!payment) throw new NotFoundError('That payment');
    const cancelled = await tx.payment.updateMany({
      where: { id: payment.id, status: { in: statusesBefore('CANCELLED') } },
      data: { status: 'CANCELLED', cancelledAt: now },
    });
    if (cancelled.count === 0) return;
    await tx.otpChallenge.updateMany({
      where: { paymentId: payment.id, status: 'PENDING' },
      data: { status: 'INVALIDATED' },
    });
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: options.customerId,
        action: 'payment.cancelled',
        subjectType: 'payment',
        subjectId: payment.id,
        clientIp: options.clientIp,
        at: now,
      },
      tx,
    );
  });
}
