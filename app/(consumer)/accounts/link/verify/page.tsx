import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CodePage } from '@/components/otp/code-page';
import { getLinkRequest } from '@/lib/accounts/link-account';
import { requireCustomer } from '@/lib/auth/require-customer';
import { maskAccountNumber } from '@/lib/bills/status';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendAccountLinkAction, verifyAccountLinkAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('linkVerify'))('title') };
}

export default async function LinkVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const [{ c }, t] = await Promise.all([searchParams, getTranslations('linkVerify')]);
  const { customerId } = await requireCustomer('/accounts/link');
  const request = c ? await getLinkRequest(customerId, c) : null;
  const status = request ? await getChallengeStatus(request.challengeId, 'ACCOUNT_LINK') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {request ? (
        <p className="text-slate-700">{t('intro', { account: maskAccountNumber(request.accountNumber) })}</p>
      ) : null}
      <CodePage
        status={status}
        startOverHref="/accounts/link"
        verifyAction={verifyAccountLinkAction}
        resendAction={resendAccountLinkAction}
        submitLabel={t('submit')}
        pendingText={t('pending')}
      />
      <Link href="/bills" className="inline-block font-semibold text-brand-800 underline">
        {t('back')}
      </Link>
    </div>
  );
}
