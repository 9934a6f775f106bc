'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { localeCookie } from '@/lib/auth/cookies';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { setCustomerLanguage } from '@/lib/customers/profile';
import { env } from '@/lib/env';
import { LOCALES } from '@/lib/i18n/locales';
import { sameOriginPath } from '@/lib/request/same-origin-path';

const LanguageSchema = z.object({ locale: z.enum(LOCALES) });

/**
 * The language switch: this browser keeps the choice in a cookie, a signed-in customer's profile
 * keeps it too (their texts follow it), and the person is back on the page they were on.
 */
export const setLanguageAction = formAction({
  who: { anyone: true },
  schema: LanguageSchema,
  run: async ({ locale }) => {
    const cookie = localeCookie();
    (await cookies()).set(cookie.name, locale, cookie.options);
    const customer = await getCustomerSession();
    if (customer) await setCustomerLanguage(customer.customerId, locale);
    redirect(sameOriginPath((await headers()).get('referer'), env().PUBLIC_ORIGIN, '/'));
  },
});
