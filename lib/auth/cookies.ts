import 'server-only';
import { env } from '@/lib/env';

/**
 * Customers and staff sign in through two separate next-auth instances with their own cookies, so a
 * customer session can never be read as a staff one. HttpOnly and SameSite=Lax always; Secure (and
 * the __Secure- prefix) when the site is served over https.
 */
export function authCookies(prefix: 'customer' | 'staff') {
  const secure = new URL(env().PUBLIC_ORIGIN).protocol === 'https:';
  const name = (kind: string) => `${secure ? '__Secure-' : ''}utilitypay.${prefix}.${kind}`;
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: name('session'), options },
    callbackUrl: { name: name('callback-url'), options },
    csrfToken: { name: name('csrf'), options },
  };
}
