import type { Metadata } from 'next';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendSignInCodeAction, verifySignInAction } from '../../actions';
import { CodePage } from '@/components/otp/code-page';

export const metadata: Metadata = { title: 'Enter your code' };

export default async function SignInVerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ c?: string; next?: string }>;
}) {
  const { c, next } = await searchParams;
  const status = c ? await getChallengeStatus(c, 'SIGN_IN') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter your code</h1>
      <p className="text-slate-700">
        If the number is registered, a code is on its way. It can take a minute to arrive.
      </p>
      <CodePage
        status={status}
        startOverHref="/sign-in"
        verifyAction={verifySignInAction}
        resendAction={resendSignInCodeAction}
        submitLabel="Sign in"
        pendingText="Signing in…"
        hiddenFields={next ? { next } : undefined}
      />
    </div>
  );
}
