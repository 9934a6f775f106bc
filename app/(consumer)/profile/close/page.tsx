import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { CodePage } from '@/components/otp/code-page';
import { requireCustomer } from '@/lib/auth/require-customer';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { closeAccountAction, resendCloseAccountCodeAction, sendCloseAccountCodeAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('close'))('title') };
}

export default async function CloseAccountPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  await requireCustomer('/profile/close');
  const [{ c }, t] = await Promise.all([searchParams, getTranslations('close')]);
  const status = c ? await getChallengeStatus(c, 'ACCOUNT_DELETE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <ul className="list-disc space-y-1 pl-5 text-slate-700">
        <li>{t('methods')}</li>
        <li>{t('person')}</li>
        <li>{t('kept')}</li>
        <li>
          {t('copy')}{' '}
          <Link href="/profile" className="font-semibold text-brand-800 underline">
            {t('download')}
          </Link>
          .
        </li>
      </ul>
      {c ? (
        <CodePage
          status={status}
          startOverHref="/profile/close"
          verifyAction={closeAccountAction}
          resendAction={resendCloseAccountCodeAction}
          submitLabel={t('submit')}
          pendingText={t('closing')}
        />
      ) : (
        <ActionForm action={sendCloseAccountCodeAction} label={t('sendCode')} pendingText={t('sending')} />
      )}
      <Link href="/profile" className="inline-block font-semibold text-brand-800 underline">
        {t('keep')}
      </Link>
    </div>
  );
}
