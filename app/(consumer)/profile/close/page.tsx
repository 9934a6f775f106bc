import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { CodePage } from '@/components/otp/code-page';
import { requireCustomer } from '@/lib/auth/require-customer';
import { KEPT_WHEN_CLOSED } from '@/lib/customers/close-account';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { closeAccountAction, resendCloseAccountCodeAction, sendCloseAccountCodeAction } from '../actions';

export const metadata: Metadata = { title: 'Close my account' };

export default async function CloseAccountPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  await requireCustomer('/profile/close');
  const { c } = await searchParams;
  const status = c ? await getChallengeStatus(c, 'ACCOUNT_DELETE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Close my account</h1>
      <ul className="list-disc space-y-1 pl-5 text-slate-700">
        <li>Your saved cards and bank accounts are removed, here and at our payment processor.</li>
        <li>
          Your name, linked accounts and this number are removed from your online account; the number can register
          again.
        </li>
        <li>{KEPT_WHEN_CLOSED}</li>
        <li>
          Want a copy first?{' '}
          <Link href="/profile" className="font-semibold text-brand-800 underline">
            Download your data
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
          submitLabel="Close my account"
          pendingText="Closing…"
        />
      ) : (
        <ActionForm
          action={sendCloseAccountCodeAction}
          label="Text me a code to close my account"
          pendingText="Sending your code…"
        />
      )}
      <Link href="/profile" className="inline-block font-semibold text-brand-800 underline">
        Keep my account
      </Link>
    </div>
  );
}
