import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lostPhone'))('doneTitle') };
}

export default async function LostPhoneDonePage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const [{ status }, t] = await Promise.all([searchParams, getTranslations('lostPhone')]);
  const completed = status === 'completed';
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{completed ? t('changedTitle') : t('checkingTitle')}</h1>
      <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
        {completed ? t('changed') : t('pending', { promise: t('promise') })}
      </p>
      <Link href={completed ? '/sign-in' : '/pay'} className="inline-block font-semibold text-brand-800 underline">
        {completed ? t('signIn') : t('payOnce')}
      </Link>
    </div>
  );
}
