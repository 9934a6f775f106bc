import type { Metadata } from 'next';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendRegistrationCodeAction, verifyRegistrationAction } from '../../actions';
import { CodePage } from '@/components/otp/code-page';

export const metadata: Metadata = { title: 'Enter your code' };

export default async function RegisterVerifyPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c } = await searchParams;
  const status = c ? await getChallengeStatus(c, 'REGISTRATION') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter the code we texted you</h1>
      <CodePage
        status={status}
        startOverHref="/register"
        verifyAction={verifyRegistrationAction}
        resendAction={resendRegistrationCodeAction}
        submitLabel="Verify and continue"
        pendingText="Checking…"
      />
    </div>
  );
}
