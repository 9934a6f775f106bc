import { getTranslations } from 'next-intl/server';
import { LOCALE_NAMES } from '@/lib/i18n/locales';
import { requestLocale } from '@/lib/i18n/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { customerProfile } from '@/lib/customers/profile';
import { formatPhone } from '@/lib/phone';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('title') };
}

const button =
  'inline-block rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50';

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const { customerId } = await requireCustomer('/profile');
  const [profile, { changed }, t, locale] = await Promise.all([
    customerProfile(customerId),
    searchParams,
    getTranslations('profile'),
    requestLocale(),
  ]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {changed ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          {t('changed')}
        </p>
      ) : null}
      <section aria-labelledby="number" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="number" className="text-lg font-semibold">
          {profile.name}
        </h2>
        <p>
          {t.rich('mobile', {
            phone: formatPhone(profile.phoneE164),
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
        </p>
        <p>{t('languageText', { language: LOCALE_NAMES[locale] })}</p>
        <Link href="/profile/phone" className={button}>
          {t('changeNumber')}
        </Link>
      </section>
      <section aria-labelledby="data" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="data" className="text-lg font-semibold">
          {t('data')}
        </h2>
        <p>{t('dataText')}</p>
        <div className="flex flex-wrap gap-3">
          <a href="/api/me/export?format=json" className={button} download>
            {t('json')}
          </a>
          <a href="/api/me/export?format=csv" className={button} download>
            {t('csv')}
          </a>
        </div>
      </section>
      <section aria-labelledby="close" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="close" className="text-lg font-semibold">
          {t('close')}
        </h2>
        <p>{t('closeText')}</p>
        <Link href="/profile/close" className="font-semibold text-red-800 underline">
          {t('close')}
        </Link>
      </section>
    </div>
  );
}
