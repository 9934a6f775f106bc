import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { startSignInAction } from '../actions';
import { PhoneForm } from '../_components/phone-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signIn'))('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [{ next }, t] = await Promise.all([searchParams, getTranslations('signIn')]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <PhoneForm action={startSignInAction} withName={false} next={next} />
      <p className="text-slate-700">
        {t('lostPhone')}{' '}
        <Link href="/lost-phone" className="font-semibold text-brand-800 underline">
          {t('moveAccount')}
        </Link>
      </p>
      <p className="text-slate-700">
        {t('newHere')}{' '}
        <Link href="/register" className="font-semibold text-brand-800 underline">
          {t('register')}
        </Link>
      </p>
    </div>
  );
}
