import 'server-only';
import { db } from '@/lib/db';

/** What the profile page shows of the signed-in customer. */
export async function customerProfile(customerId: string) {
  return db().customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { name: true, phoneE164: true, registeredAt: true },
  });
}
