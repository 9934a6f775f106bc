import type { Metadata } from 'next';
import Link from 'next/link';
import { startSignInAction } from '../actions';
import { PhoneForm } from '../_components/phone-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Sign in</h1>
        <p className="text-slate-700">
          Enter the mobile number you registered. If it is registered, we’ll text it a code.
        </p>
      </div>
      <PhoneForm action={startSignInAction} withName={false} submitLabel="Text me a code" next={next} />
      <p className="text-slate-700">
        Lost the phone you registered?{' '}
        <Link href="/lost-phone" className="font-semibold text-brand-800 underline">
          Move your account to a new number
        </Link>
      </p>
      <p className="text-slate-700">
        New here?{' '}
        <Link href="/register" className="font-semibold text-brand-800 underline">
          Register
        </Link>
      </p>
    </div>
  );
}
