import type { Metadata } from 'next';
import Link from 'next/link';
import { startRegistrationAction } from '../actions';
import { PhoneForm } from '../_components/phone-form';
import { CONSENT_WORDING } from '@/lib/sms/opt-out';

export const metadata: Metadata = { title: 'Register' };

export default function RegisterPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Register to pay online</h1>
        <p className="text-slate-700">
          We’ll text you a code to make sure the phone is yours. Then you can link the accounts on your bill.
        </p>
      </div>
      <PhoneForm action={startRegistrationAction} withName submitLabel="Text me a code" />
      <p className="text-sm text-slate-700" data-testid="sms-consent">
        {CONSENT_WORDING}
      </p>
      <p className="text-slate-700">
        Already registered?{' '}
        <Link href="/sign-in" className="font-semibold text-brand-800 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
