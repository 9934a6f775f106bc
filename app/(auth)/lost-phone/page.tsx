import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { startLostPhoneAction } from './actions';
import { LostPhoneForm } from './lost-phone-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lostPhone'))('title') };
}

export default async function LostPhonePage() {
  const t = await getTranslations('lostPhone');
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro', { promise: t('promise') })}</p>
      </div>
      <LostPhoneForm action={startLostPhoneAction} />
    </div>
  );
}
