import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/ids';

/**
 * The customer's own payment, with `select`'s fields: ownership is part of the query, and another
 * customer's (or a made-up) id is NotFoundError, exactly like one that does not exist.
 */
export async function findOwnPayment<S extends Prisma.PaymentSelect>(
  customerId: string,
  paymentId: string,
  select: S,
): Promise<Prisma.PaymentGetPayload<{ select: S }>> {
  if (!isUuid(paymentId)) throw new NotFoundError('That payment');
  const payment = await db().payment.findFirst({ where: { id: paymentId, customerId }, select });
  if (!payment) throw new NotFoundError('That payment');
  return payment as Prisma.PaymentGetPayload<{ select: S }>;
}
