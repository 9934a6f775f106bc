import 'server-only';
import type { db, Tx } from '@/lib/db';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';

/**
 * The language texts to a number go out in: its customer's (registered or one-time payer), else
 * `fallback` (the language of the page that caused the text), else English.
 */
export async function languageOfNumber(
  tx: Tx | ReturnType<typeof db>,
  phoneE164: string,
  fallback?: Locale,
): Promise<Locale> {
  const customer = await tx.customer.findUnique({ where: { phoneE164 }, select: { language: true } });
  if (isLocale(customer?.language)) return customer.language;
  return fallback ?? DEFAULT_LOCALE;
}

/** A customer's language, by id (notices about their account, to whichever number they go). */
export async function languageOfCustomer(tx: Tx | ReturnType<typeof db>, customerId: string): Promise<Locale> {
  const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { language: true } });
  return isLocale(customer?.language) ? customer.language : DEFAULT_LOCALE;
}
