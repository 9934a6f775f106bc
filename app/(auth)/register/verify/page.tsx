import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendRegistrationCodeAction, verifyRegistrationAction } from '../../actions';
import { CodePage } from '@/components/otp/code-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('code'))('metaTitle') };
}

export default async function RegisterVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const [{ c }, t] = await Promise.all([searchParams, getTranslations('register')]);
  const status = c ? await getChallengeStatus(c, 'REGISTRATION') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('verifyTitle')}</h1>
      <CodePage
        status={status}
        startOverHref="/register"
        verifyAction={verifyRegistrationAction}
        resendAction={resendRegistrationCodeAction}
        submitLabel={t('submit')}
        pendingText={t('pending')}
      />
    </div>
  );
}
