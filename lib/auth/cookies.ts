import 'server-only';
import { env } from '@/lib/env';
import { LOCALE_COOKIE_NAME } from '@/lib/i18n/locales';

/**
 * Customers and staff sign in through two separate next-auth instances with their own cookies, so a
 * customer session can never be read as a staff one. HttpOnly and SameSite=Lax always; Secure (and
 * the __Secure- prefix) when the site is served over https.
 */
function secureSite(): boolean {
  return new URL(env().PUBLIC_ORIGIN).protocol === 'https:';
}

export function authCookies(prefix: 'customer' | 'staff') {
  const secure = secureSite();
  const name = (kind: string) => `${secure ? '__Secure-' : ''}utilitypay.${prefix}.${kind}`;
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: name('session'), options },
    callbackUrl: { name: name('callback-url'), options },
    csrfToken: { name: name('csrf'), options },
  };
}

/**
 * The browser's device id (lib/customers/devices.ts): HttpOnly, SameSite=Lax, Secure over https,
 * kept 400 days (the most browsers allow), so a customer's own phone stays known to us.
 */
export function deviceCookie() {
  const secure = secureSite();
  return {
    name: `${secure ? '__Secure-' : ''}utilitypay.device`,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: 400 * 24 * 3600 },
  };
}

/**
 * The name typed at registration waits here until the phone is proven (30 minutes at most), under
 * the same rules as the session cookies: HttpOnly, SameSite=Lax, Secure over https.
 */
export function registrationNameCookie() {
  return {
    name: 'utilitypay.registration-name',
    options: { httpOnly: true, sameSite: 'lax' as const, maxAge: 30 * 60, path: '/register', secure: secureSite() },
  };
}

/**
 * A one-time payer's pass (lib/guest/guest-pass.ts): HttpOnly, SameSite=Lax, Secure over https,
 * as long as the pass lasts.
 */
export function guestPassCookie() {
  const secure = secureSite();
  return {
    name: `${secure ? '__Secure-' : ''}utilitypay.guest`,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: 30 * 60 },
  };
}

/** The browser's choice of language (the switch): HttpOnly, SameSite=Lax, Secure over https, 400 days. */
export function localeCookie() {
  return {
    name: LOCALE_COOKIE_NAME,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: secureSite(), maxAge: 400 * 24 * 3600 },
  };
}
