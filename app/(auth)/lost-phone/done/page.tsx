import type { Metadata } from 'next';
import Link from 'next/link';
import { APPROVAL_PROMISE } from '@/lib/customers/phone-change';

export const metadata: Metadata = { title: 'Your new number' };

export default async function LostPhoneDonePage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  const completed = status === 'completed';
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{completed ? 'Your number is changed' : 'We are checking your request'}</h1>
      <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
        {completed
          ? 'Your new number matches the one on file for your account, so it is changed now. Sign in with it.'
          : `Your new number is confirmed. Our staff review the change ${APPROVAL_PROMISE} and text your new number when it is done. Until then, you can pay once without registering.`}
      </p>
      <Link href={completed ? '/sign-in' : '/pay'} className="inline-block font-semibold text-brand-800 underline">
        {completed ? 'Sign in' : 'Pay once without registering'}
      </Link>
    </div>
  );
}
