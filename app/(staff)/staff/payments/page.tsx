import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { FilterError, listPayments } from '@/lib/payments/list-payments';
import { requireUtility } from '@/lib/utility';
import { parsePaymentFilters, PAYMENT_SORTS, type PaymentFilters } from '@/lib/validation/payment-filters';
import { StaffBar } from '../_staff-bar';
import { PAYMENT_STATUSES, statusLabel } from '@/lib/payments/states';

export const metadata: Metadata = { title: 'Payments · Staff', robots: { index: false } };

const SORT_LABELS: Record<(typeof PAYMENT_SORTS)[number], string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  amount_desc: 'Largest amount',
  amount_asc: 'Smallest amount',
};

function query(filters: Partial<PaymentFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  return params.toString();
}

export default async function StaffPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const utility = await requireUtility();
  const parsed = parsePaymentFilters(await searchParams);
  const filters: PaymentFilters = parsed.success ? parsed.data : { sort: 'newest' };
  let problem = parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' ');
  let page: Awaited<ReturnType<typeof listPayments>> = { rows: [], nextCursor: null };
  if (!problem) {
    try {
      page = await listPayments(filters, utility.timeZone);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      problem = error.userMessage;
    }
  }
  const { cursor: _cursor, ...withoutCursor } = filters;
  const input = 'mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5';
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Payments</h1>
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
        aria-label="Filter payments"
      >
        <label className="text-sm font-medium">
          Status
          <select name="status" defaultValue={filters.status ?? ''} className={input}>
            <option value="">Any</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ').toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          From ({utility.timeZone})
          <input type="date" name="from" defaultValue={filters.from} className={input} />
        </label>
        <label className="text-sm font-medium">
          To
          <input type="date" name="to" defaultValue={filters.to} className={input} />
        </label>
        <label className="text-sm font-medium">
          Sort
          <select name="sort" defaultValue={filters.sort} className={input}>
            {PAYMENT_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Amount from ($)
          <input name="min" inputMode="decimal" defaultValue={filters.min} className={input} />
        </label>
        <label className="text-sm font-medium">
          Amount to ($)
          <input name="max" inputMode="decimal" defaultValue={filters.max} className={input} />
        </label>
        <label className="text-sm font-medium">
          Account number
          <input name="account" inputMode="numeric" defaultValue={filters.account} className={input} />
        </label>
        <label className="text-sm font-medium">
          Customer phone
          <input name="phone" type="tel" defaultValue={filters.phone} className={input} />
        </label>
        <label className="text-sm font-medium">
          Confirmation number
          <input name="confirmation" defaultValue={filters.confirmation} className={input} />
        </label>
        <div className="flex items-end gap-3 sm:col-span-3">
          <button
            type="submit"
            className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Apply filters
          </button>
          <Link href="/staff/payments" className="font-semibold text-brand-800 underline">
            Clear
          </Link>
          <a
            href={`/api/staff/payments/export?${query(withoutCursor)}`}
            className="ml-auto font-semibold text-brand-800 underline"
            download
          >
            Export CSV
          </a>
        </div>
      </form>
      {problem ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {problem}
        </p>
      ) : null}
      {/* Focusable, so keyboard users can scroll a wide table sideways. */}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        role="region"
        aria-label="Payments"
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Payments matching the filters</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                Created
              </th>
              <th scope="col" className="px-3 py-2">
                Confirmation
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Amount
              </th>
              <th scope="col" className="px-3 py-2">
                Account
              </th>
              <th scope="col" className="px-3 py-2">
                Customer
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-slate-600">
                  No payments match.
                </td>
              </tr>
            ) : (
              page.rows.map((p) => (
                <tr key={p.id} className="border-t border-slate-200" data-testid="payment-row">
                  <td className="px-3 py-2 whitespace-nowrap">{formatInstant(p.createdAt, utility.timeZone)}</td>
                  <td className="px-3 py-2 font-mono">
                    <Link href={`/staff/payments/${p.id}`} className="text-brand-800 underline">
                      {p.confirmationNumber}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{statusLabel(p.status)}</td>
                  <td className="px-3 py-2 text-right">{formatMoney(p.amountCents, p.currency)}</td>
                  <td className="px-3 py-2 font-mono">{p.accountNumber}</td>
                  <td className="px-3 py-2">
                    {p.customerName} · {p.phoneMasked}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4">
        {filters.cursor ? (
          <Link href={`/staff/payments?${query(withoutCursor)}`} className="font-semibold text-brand-800 underline">
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/staff/payments?${query({ ...withoutCursor, cursor: page.nextCursor })}`}
            className="font-semibold text-brand-800 underline"
          >
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
