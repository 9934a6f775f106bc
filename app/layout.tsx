import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { signOutAction } from '@/app/(auth)/actions';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { clientMessages } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { STAFF_AREA_HEADER } from '@/lib/i18n/staff-area';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { formatPhone } from '@/lib/phone';
import { getUtility } from '@/lib/utility';
import { THEME_COLOR } from '@/lib/utility/theme';
import './globals.css';

// Every page reads live data (the utility, the session): nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [utility, t] = await Promise.all([getUtility().catch(() => null), getTranslations('layout')]);
  const name = utility?.name ?? t('defaultName');
  return {
    title: { default: t('title', { name }), template: `%s · ${name}` },
    description: t('description', { name }),
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '48x48' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: '/apple-touch-icon.png',
    },
    manifest: '/manifest.webmanifest',
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: THEME_COLOR };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [utility, customer, locale, t, requestHeaders] = await Promise.all([
    getUtility().catch(() => null),
    getCustomerSession().catch(() => null),
    requestLocale(),
    getTranslations('layout'),
    headers(),
  ]);
  // The staff area stays in English and has no language switch (lib/i18n/request.ts).
  const customerArea = requestHeaders.get(STAFF_AREA_HEADER) !== '1';
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t('skip')}
        </a>
        <header className="border-b border-slate-200 bg-white">
          {/* Phones: the name and the language switch, the account links on a row of their own. */}
          <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-brand-800">
              {utility?.name ?? t('defaultName')}
            </Link>
            {customerArea ? <LanguageSwitch /> : null}
            {customer && customerArea ? (
              <nav
                aria-label={t('yourAccount')}
                className="flex w-full flex-wrap items-center gap-x-4 gap-y-1 text-sm font-semibold sm:w-auto"
              >
                <Link href="/bills" className="text-brand-800 hover:underline">
                  {t('bills')}
                </Link>
                <Link href="/payments" className="text-brand-800 hover:underline">
                  {t('payments')}
                </Link>
                <Link href="/profile" className="text-brand-800 hover:underline">
                  {t('profile')}
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className="text-slate-700 hover:underline">
                    {t('signOut')}
                  </button>
                </form>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
          {/* Client components get their namespaces only, not the whole catalogue. */}
          <NextIntlClientProvider messages={clientMessages(locale)}>{children}</NextIntlClientProvider>
        </main>
        <footer className="mx-auto max-w-3xl px-4 pb-10 text-sm text-slate-600">
          {utility && customerArea ? (
            <p>
              {t.rich('questions', {
                name: utility.name,
                number: formatPhone(utility.supportPhone),
                phone: (chunks) => (
                  <a className="underline" href={`tel:${utility.supportPhone}`}>
                    {chunks}
                  </a>
                ),
              })}
            </p>
          ) : null}
        </footer>
      </body>
    </html>
  );
}
