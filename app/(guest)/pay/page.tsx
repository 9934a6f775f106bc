import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { BillFactsForm } from '@/components/accounts/bill-facts-form';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { startGuestPayAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('guestPay'))('title') };
}

export default async function GuestPayPage({ searchParams }: { searchParams: Promise<{ expired?: string }> }) {
  // Signed in already: their bills are one click away.
  if (await getCustomerSession()) redirect('/bills');
  const [{ expired }, t] = await Promise.all([searchParams, getTranslations('guestPay')]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        {expired ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
            {t('expired')}
          </p>
        ) : null}
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <BillFactsForm action={startGuestPayAction} submitLabel={t('find')} />
      <p className="text-slate-700">
        {t.rich('often', {
          link: (chunks) => (
            <Link href="/register" className="font-semibold text-brand-800 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}
