import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { BillFactsForm } from '@/components/accounts/bill-facts-form';
import { linkAccountAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('link'))('metaTitle') };
}

export default async function LinkAccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const { name } = await requireCustomer('/accounts/link');
  const [{ welcome }, t] = await Promise.all([searchParams, getTranslations('link')]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        {welcome ? (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
            {t('welcome', { name })}
          </p>
        ) : null}
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <BillFactsForm action={linkAccountAction} submitLabel={t('submit')} />
      <Link href="/bills" className="inline-block font-semibold text-brand-800 underline">
        {t('back')}
      </Link>
    </div>
  );
}
