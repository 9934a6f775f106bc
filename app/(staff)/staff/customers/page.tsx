import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatLongDateIn } from '@/lib/clock/format';
import { searchCustomers } from '@/lib/customers/staff-view';
import { findAccountByNumber } from '@/lib/accounts/staff-account';
import { formatPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../_staff-bar';

export const metadata: Metadata = { title: 'Customers · Staff', robots: { index: false } };

export default async function StaffCustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const utility = await requireUtility();
  const q = String((await searchParams).q ?? '').slice(0, 100);
  const [rows, account] = q ? await Promise.all([searchCustomers(q), findAccountByNumber(q)]) : [[], null];
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Customers</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="space-y-1">
          <span className="block font-medium">Phone, name or account number</span>
          <input
            name="q"
            defaultValue={q}
            maxLength={100}
            className="w-72 rounded-md border border-slate-400 bg-white px-3 py-2"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>
      {account ? (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3">
          Account{' '}
          <Link href={`/staff/accounts/${account.id}`} className="font-mono font-semibold text-brand-800 underline">
            {account.accountNumber}
          </Link>{' '}
          ({account.holderName}): its number on file and online holders.
        </p>
      ) : null}
      {q ? (
        rows.length === 0 ? (
          <p className="rounded-md border border-slate-200 bg-white px-4 py-3">No customer matches “{q}”.</p>
        ) : (
          <ul
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            aria-label="Customers found"
          >
            {rows.map((c) => (
              <li
                key={c.id}
                className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3"
                data-testid="customer-row"
              >
                <Link href={`/staff/customers/${c.id}`} className="font-semibold text-brand-800 underline">
                  {c.name}
                </Link>
                <span className="text-slate-700">
                  {formatPhone(c.phoneE164)} · {c.accounts} {c.accounts === 1 ? 'account' : 'accounts'} · since{' '}
                  {formatLongDateIn(c.createdAt, utility.timeZone)}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
