import type { Metadata } from 'next';
import Link from 'next/link';
import { CodePage } from '@/components/otp/code-page';
import { PhoneForm } from '@/app/(auth)/_components/phone-form';
import { requireCustomer } from '@/lib/auth/require-customer';
import { openPhoneChange } from '@/lib/customers/phone-change';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { resendPhoneChangeAction, startPhoneChangeAction, verifyPhoneChangeAction } from '../actions';

export const metadata: Metadata = { title: 'Change my number' };

export default async function ChangePhonePage() {
  const { customerId } = await requireCustomer('/profile/phone');
  const open = await openPhoneChange(customerId);
  const status = open?.challengeId ? await getChallengeStatus(open.challengeId, 'PHONE_CHANGE') : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Change my number</h1>
      {open ? (
        <>
          <p className="text-slate-700" data-testid="change-step">
            {open.step === 'old'
              ? `Step 1 of 2: the code we texted to your current number, ${open.oldMasked}.`
              : `Step 2 of 2: the code we texted to your new number, ${open.newMasked}.`}
          </p>
          <CodePage
            status={status}
            startOverHref="/profile/phone"
            verifyAction={verifyPhoneChangeAction}
            resendAction={resendPhoneChangeAction}
            submitLabel={open.step === 'old' ? 'Continue' : 'Change my number'}
            pendingText="Checking…"
          />
          <p className="text-slate-700">Want a different new number? Enter it below to start again.</p>
        </>
      ) : (
        <p className="text-slate-700">
          We text a code to your current number, then one to the new number. Your number changes once both are entered.
        </p>
      )}
      <PhoneForm
        action={startPhoneChangeAction}
        withName={false}
        submitLabel="Text me the codes"
        phoneLabel="New mobile number"
      />
      <p className="text-slate-700">
        No longer have your current phone?{' '}
        <Link href="/lost-phone" className="font-semibold text-brand-800 underline">
          Tell us you lost it
        </Link>
        .
      </p>
    </div>
  );
}
