import type { Metadata } from 'next';
import { CodePage } from '@/components/otp/code-page';
import { lostPhoneRequest } from '@/lib/customers/phone-change';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendLostPhoneAction, verifyLostPhoneAction } from '../actions';

export const metadata: Metadata = { title: 'Enter the code sent to your new number' };

export default async function LostPhoneVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c } = await searchParams;
  const request = c ? await lostPhoneRequest(c) : null;
  const status = request ? await getChallengeStatus(c!, 'PHONE_CHANGE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter the code sent to your new number</h1>
      <CodePage
        status={status}
        startOverHref="/lost-phone"
        verifyAction={verifyLostPhoneAction}
        resendAction={resendLostPhoneAction}
        submitLabel="Confirm my new number"
        pendingText="Checking…"
      />
    </div>
  );
}
