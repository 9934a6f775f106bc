import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

/** The languages customers can use: US English and US Spanish. The staff area stays in English. */
export const LOCALES = ['en-US', 'es-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Each language's name in itself, for the switch (a Spanish speaker looks for "Español"). */
export const LOCALE_NAMES: Record<Locale, string> = { 'en-US': 'English', 'es-US': 'Español' };

/** Each language's name for staff, who read English. */
export const LOCALE_NAMES_FOR_STAFF: Record<Locale, string> = { 'en-US': 'English', 'es-US': 'Spanish' };

/** The cookie that remembers a browser's choice of language (lib/auth/cookies.ts localeCookie). */
export const LOCALE_COOKIE_NAME = 'utilitypay.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header ("es-MX,es;q=0.9" is Spanish). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  // Most wanted first; each tag on its own, so a close regional match ("es-MX" for es-US) of the
  // first choice beats an exact match of a later one.
  for (const tag of new Negotiator({ headers: { 'accept-language': header } }).languages()) {
    try {
      const best = match([tag], LOCALES, '', { algorithm: 'best fit' });
      if (isLocale(best)) return best;
    } catch {
      // A malformed tag (Intl's RangeError): skip it, never a crash.
    }
  }
  return DEFAULT_LOCALE;
}

/**
 * The page's language: the signed-in customer's saved choice, then this browser's cookie, then the
 * browser's Accept-Language, then English.
 */
export function resolveLocale(sources: {
  saved?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.saved)) return sources.saved;
  if (isLocale(sources.cookie)) return sources.cookie;
  return localeFromAcceptLanguage(sources.acceptLanguage);
}
