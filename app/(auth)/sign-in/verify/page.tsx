import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendSignInCodeAction, verifySignInAction } from '../../actions';
import { CodePage } from '@/components/otp/code-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('code'))('metaTitle') };
}

export default async function SignInVerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ c?: string; next?: string }>;
}) {
  const [{ c, next }, t] = await Promise.all([searchParams, getTranslations('signIn')]);
  const status = c ? await getChallengeStatus(c, 'SIGN_IN') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('verifyTitle')}</h1>
      <p className="text-slate-700">{t('verifyIntro')}</p>
      <CodePage
        status={status}
        startOverHref="/sign-in"
        verifyAction={verifySignInAction}
        resendAction={resendSignInCodeAction}
        submitLabel={t('submit')}
        pendingText={t('pending')}
        hiddenFields={next ? { next } : undefined}
      />
    </div>
  );
}
