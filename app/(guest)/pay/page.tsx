import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { BillFactsForm } from '@/components/accounts/bill-facts-form';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { startGuestPayAction } from './actions';

export const metadata: Metadata = { title: 'Pay without registering' };

export default async function GuestPayPage({ searchParams }: { searchParams: Promise<{ expired?: string }> }) {
  // Signed in already: their bills are one click away.
  if (await getCustomerSession()) redirect('/bills');
  const { expired } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        {expired ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
            Your one-time payment session ended (they last 30 minutes). Nothing was charged unless you got a receipt.
            Start again below.
          </p>
        ) : null}
        <h1 className="text-2xl font-bold">Pay without registering</h1>
        <p className="text-slate-700">
          Registration is not required for a one-time payment. Find these on your bill; next, we text a code to your
          mobile number to confirm the payment.
        </p>
      </div>
      <BillFactsForm action={startGuestPayAction} submitLabel="Find my bill" />
      <p className="text-slate-700">
        Paying often?{' '}
        <Link href="/register" className="font-semibold text-brand-800 underline">
          Register
        </Link>{' '}
        to see your bills and save a card.
      </p>
    </div>
  );
}
