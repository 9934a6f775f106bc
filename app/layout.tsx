import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { signOutAction } from '@/app/(auth)/actions';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { formatPhone } from '@/lib/phone';
import { getUtility } from '@/lib/utility';
import { THEME_COLOR } from '@/lib/utility/theme';
import './globals.css';

// Every page reads live data (the utility, the session): nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const utility = await getUtility().catch(() => null);
  const name = utility?.name ?? 'UtilityPay';
  return {
    title: { default: `Pay your bill · ${name}`, template: `%s · ${name}` },
    description: `Pay your ${name} bill online.`,
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
  const [utility, customer] = await Promise.all([
    getUtility().catch(() => null),
    getCustomerSession().catch(() => null),
  ]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-brand-800">
              {utility?.name ?? 'UtilityPay'}
            </Link>
            {customer ? (
              <nav
                aria-label="Your account"
                className="flex items-center gap-3 whitespace-nowrap text-sm font-semibold"
              >
                <Link href="/bills" className="text-brand-800 hover:underline">
                  My bills
                </Link>
                <Link href="/payments" className="text-brand-800 hover:underline">
                  Payments
                </Link>
                <Link href="/profile" className="text-brand-800 hover:underline">
                  Profile
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className="text-slate-700 hover:underline">
                    Sign out
                  </button>
                </form>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
          {children}
        </main>
        <footer className="mx-auto max-w-3xl px-4 pb-10 text-sm text-slate-600">
          {utility ? (
            <p>
              Questions about your bill? Call {utility.name} at{' '}
              <a className="underline" href={`tel:${utility.supportPhone}`}>
                {formatPhone(utility.supportPhone)}
              </a>
              .
            </p>
          ) : null}
        </footer>
      </body>
    </html>
  );
}
