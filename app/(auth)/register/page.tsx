import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { startRegistrationAction } from '../actions';
import { PhoneForm } from '../_components/phone-form';
import { consentWording } from '@/lib/sms/opt-out';
import { requestLocale } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('register'))('metaTitle') };
}

export default async function RegisterPage() {
  const t = await getTranslations('register');
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <PhoneForm action={startRegistrationAction} withName />
      <p className="text-sm text-slate-700" data-testid="sms-consent">
        {consentWording(await requestLocale())}
      </p>
      <p className="text-slate-700">
        {t('already')}{' '}
        <Link href="/sign-in" className="font-semibold text-brand-800 underline">
          {t('signIn')}
        </Link>
      </p>
    </div>
  );
}
