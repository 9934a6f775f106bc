import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { getUtility } from '@/lib/utility';
import { LOCALE_COOKIE_NAME, resolveLocale } from './locales';
import { messagesFor } from './messages';
import { STAFF_AREA_HEADER } from './staff-area';

/**
 * The language of each request (next-intl reads this through next.config.ts): English in the staff
 * area; elsewhere the signed-in customer's saved choice, this browser's cookie, Accept-Language.
 * Dates and times are formatted in the utility's time zone.
 */
export default getRequestConfig(async () => {
  const [requestHeaders, jar, utility] = await Promise.all([headers(), cookies(), getUtility().catch(() => null)]);
  const staff = requestHeaders.get(STAFF_AREA_HEADER) === '1';
  const customer = staff ? null : await getCustomerSession().catch(() => null);
  const locale = staff
    ? 'en-US'
    : resolveLocale({
        saved: customer?.language,
        cookie: jar.get(LOCALE_COOKIE_NAME)?.value,
        acceptLanguage: requestHeaders.get('accept-language'),
      });
  return { locale, messages: messagesFor(locale), timeZone: utility?.timeZone ?? 'UTC' };
});
