import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/ids';

/** The customer changed their mind before confirming: the payment and any code for it end here. */
export async function cancelPayment(options: { customerId: string; paymentId: string; clientIp: string | null }): Promise<void> {
  if (!isUuid(options.paymentId)) throw new NotFoundError('That payment');
  const now = clock.now();
  await db().$transaction(async (tx) => {
    const payment = await tx.payment.findFirst({ where: { id: options.paymentId, customerId: options.customerId }, select: { id: true } });
    if (!payment) throw new NotFoundError('That payment');
    const cancelled = await tx.payment.updateMany({
      where: { id: payment.id, status: { in: ['CREATED', 'AWAITING_OTP'] } },
      data: { status: 'CANCELLED', cancelledAt: now },
    });
    if (cancelled.count === 0) return;
    await tx.otpChallenge.updateMany({ where: { paymentId: payment.id, status: 'PENDING' }, data: { status: 'INVALIDATED' } });
    await audit({ actorType: 'CUSTOMER', actorId: options.customerId, action: 'payment.cancelled', subjectType: 'payment', subjectId: payment.id, clientIp: options.clientIp, at: now }, tx);
  });
}
