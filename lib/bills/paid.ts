import 'server-only';
import type { Tx } from '@/lib/db';

/**
 * Moves a bill's paid amount by `deltaCents` (a payment reserved or completed: up; released,
 * returned or refunded: down), in one UPDATE under the bill's row lock. Its status follows in the
 * database (the trigger of migration 20261129120000: PAID, PARTIALLY_PAID or UNPAID, nowhere else).
 */
export async function changeBillPaid(tx: Tx, billId: string, deltaCents: number): Promise<void> {
  const changed = await tx.$executeRaw`
    UPDATE "Bill" SET "amountPaidCents" = "amountPaidCents" + ${deltaCents}::int, "updatedAt" = now()
     WHERE id = ${billId}::uuid`;
  if (changed !== 1) throw new Error(`No bill ${billId}`);
}
