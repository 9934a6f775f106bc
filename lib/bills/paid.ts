import 'server-only';
import type { Tx } from '@/lib/db';
import { billStatusFor } from './status';

/**
 * Moves a bill's paid amount by `deltaCents` (a payment reserved or completed: up; released,
 * returned or refunded: down), its status with it, under the bill's row lock.
 */
export async function changeBillPaid(tx: Tx, billId: string, deltaCents: number): Promise<void> {
  const [bill] = await tx.$queryRaw<Array<{ amountDueCents: number; amountPaidCents: number }>>`
    SELECT "amountDueCents", "amountPaidCents" FROM "Bill" WHERE id = ${billId}::uuid FOR UPDATE`;
  if (!bill) throw new Error(`No bill ${billId}`);
  const paid = bill.amountPaidCents + deltaCents;
  await tx.bill.update({
    where: { id: billId },
    data: { amountPaidCents: paid, status: billStatusFor(bill.amountDueCents, paid) },
  });
}
