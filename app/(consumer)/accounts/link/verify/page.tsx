import type { Metadata } from 'next';
import Link from 'next/link';
import { CodePage } from '@/components/otp/code-page';
import { getLinkRequest } from '@/lib/accounts/link-account';
import { requireCustomer } from '@/lib/auth/require-customer';
import { maskAccountNumber } from '@/lib/bills/status';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendAccountLinkAction, verifyAccountLinkAction } from '../actions';

export const metadata: Metadata = { title: 'Enter the code for this account' };

export default async function LinkVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c } = await searchParams;
  const { customerId } = await requireCustomer('/accounts/link');
  const request = c ? await getLinkRequest(customerId, c) : null;
  const status = request ? await getChallengeStatus(request.challengeId, 'ACCOUNT_LINK') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter the code for this account</h1>
      {request ? (
        <p className="text-slate-700">
          Account {maskAccountNumber(request.accountNumber)} has a mobile number on file with us. To link it, enter the
          code we texted to that number. If it is not your phone, ask the person who has it.
        </p>
      ) : null}
      <CodePage
        status={status}
        startOverHref="/accounts/link"
        verifyAction={verifyAccountLinkAction}
        resendAction={resendAccountLinkAction}
        submitLabel="Link account"
        pendingText="Linking…"
      />
      <Link href="/bills" className="inline-block font-semibold text-brand-800 underline">
        Back to my bills
      </Link>
    </div>
  );
}
