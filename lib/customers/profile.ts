import 'server-only';
import { db } from '@/lib/db';
import type { Locale } from '@/lib/i18n/locales';

/** What the profile page shows of the signed-in customer. */
export async function customerProfile(customerId: string) {
  return db().customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { name: true, phoneE164: true, registeredAt: true },
  });
}

/** Saves the language the customer chose with the switch: their pages and texts use it from now on. */
export async function setCustomerLanguage(customerId: string, language: Locale): Promise<void> {
  await db().customer.update({ where: { id: customerId }, data: { language } });
}
