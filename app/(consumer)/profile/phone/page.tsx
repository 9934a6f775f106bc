import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CodePage } from '@/components/otp/code-page';
import { PhoneForm } from '@/app/(auth)/_components/phone-form';
import { requireCustomer } from '@/lib/auth/require-customer';
import { openPhoneChange } from '@/lib/customers/phone-change';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendPhoneChangeAction, startPhoneChangeAction, verifyPhoneChangeAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('phoneChange'))('title') };
}

export default async function ChangePhonePage() {
  const { customerId } = await requireCustomer('/profile/phone');
  const [open, t] = await Promise.all([openPhoneChange(customerId), getTranslations('phoneChange')]);
  const status = open?.challengeId ? await getChallengeStatus(open.challengeId, 'PHONE_CHANGE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {open ? (
        <>
          <p className="text-slate-700" data-testid="change-step">
            {open.step === 'old' ? t('stepOld', { phone: open.oldMasked }) : t('stepNew', { phone: open.newMasked })}
          </p>
          <CodePage
            status={status}
            startOverHref="/profile/phone"
            verifyAction={verifyPhoneChangeAction}
            resendAction={resendPhoneChangeAction}
            submitLabel={open.step === 'old' ? t('continue') : t('change')}
            pendingText={t('checking')}
          />
          <p className="text-slate-700">{t('different')}</p>
        </>
      ) : (
        <p className="text-slate-700">{t('intro')}</p>
      )}
      <PhoneForm
        action={startPhoneChangeAction}
        withName={false}
        submitLabel={t('sendCodes')}
        phoneLabel={t('newPhone')}
      />
      <p className="text-slate-700">
        {t('lost')}{' '}
        <Link href="/lost-phone" className="font-semibold text-brand-800 underline">
          {t('lostLink')}
        </Link>
        .
      </p>
    </div>
  );
}
