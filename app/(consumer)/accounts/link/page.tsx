import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { BillFactsForm } from '@/components/accounts/bill-facts-form';
import { linkAccountAction } from './actions';

export const metadata: Metadata = { title: 'Link an account' };

export default async function LinkAccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const { name } = await requireCustomer('/accounts/link');
  const { welcome } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        {welcome ? (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
            Welcome, {name}. Your phone is verified.
          </p>
        ) : null}
        <h1 className="text-2xl font-bold">Link an account</h1>
        <p className="text-slate-700">Find these on your bill. You can link more than one account.</p>
      </div>
      <BillFactsForm action={linkAccountAction} submitLabel="Link account" />
      <Link href="/bills" className="inline-block font-semibold text-brand-800 underline">
        Back to my bills
      </Link>
    </div>
  );
}
