import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { getUtility } from '@/lib/utility';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ closed?: string }> }) {
  const [utility, { closed }, t] = await Promise.all([getUtility(), searchParams, getTranslations('home')]);
  return (
    <div className="space-y-8">
      {closed ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          {t('closed')}
        </p>
      ) : null}
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{t('title', { name: utility?.name ?? t('anyUtility') })}</h1>
        <p className="text-lg text-slate-700">{t('intro')}</p>
      </section>
      <nav aria-label={t('getStarted')} className="grid gap-3 sm:grid-cols-2">
        <Link
          href="/bills"
          className="rounded-lg bg-brand-700 px-4 py-4 text-center text-lg font-semibold text-white shadow-sm hover:bg-brand-800 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          {t('payBill')}
        </Link>
        <Link
          href="/pay"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          {t('payOnce')}
        </Link>
        <Link
          href="/sign-in"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          {t('signIn')}
        </Link>
        <Link
          href="/register"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          {t('register')}
        </Link>
      </nav>
      <section aria-labelledby="how" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="how" className="text-lg font-semibold">
          {t('how')}
        </h2>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-slate-700">
          <li>{t('step1')}</li>
          <li>{t('step2')}</li>
          <li>{t('step3')}</li>
        </ol>
      </section>
    </div>
  );
}
