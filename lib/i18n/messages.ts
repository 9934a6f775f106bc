import en from './messages/en-US.json' with { type: 'json' };
import es from './messages/es-US.json' with { type: 'json' };
import type { Locale } from './locales';

export type Messages = typeof en;

const CATALOGUES: Record<Locale, Messages> = { 'en-US': en, 'es-US': es };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/**
 * The namespaces client components read (useTranslations in a 'use client' file): only these are
 * sent to the browser, not the whole catalogue (lib/i18n/catalogues.test.ts keeps the list whole).
 */
export const CLIENT_NAMESPACES = [
  'billFacts',
  'code',
  'errorPage',
  'guestPay',
  'lostPhone',
  'pay',
  'phoneForm',
  'receipt',
  'stripe',
  'ui',
] as const satisfies readonly (keyof Messages)[];

export function clientMessages(locale: Locale): Pick<Messages, (typeof CLIENT_NAMESPACES)[number]> {
  const all = messagesFor(locale);
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, all[namespace]])) as Pick<
    Messages,
    (typeof CLIENT_NAMESPACES)[number]
  >;
}
