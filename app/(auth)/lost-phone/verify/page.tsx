import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { CodePage } from '@/components/otp/code-page';
import { lostPhoneRequest } from '@/lib/customers/phone-change';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendLostPhoneAction, verifyLostPhoneAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lostPhone'))('verifyTitle') };
}

export default async function LostPhoneVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const [{ c }, t] = await Promise.all([searchParams, getTranslations('lostPhone')]);
  const request = c ? await lostPhoneRequest(c) : null;
  const status = request ? await getChallengeStatus(c!, 'PHONE_CHANGE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('verifyTitle')}</h1>
      <CodePage
        status={status}
        startOverHref="/lost-phone"
        verifyAction={verifyLostPhoneAction}
        resendAction={resendLostPhoneAction}
        submitLabel={t('confirm')}
        pendingText={(await getTranslations('billFacts'))('checking')}
      />
    </div>
  );
}
