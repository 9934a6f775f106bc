import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { listCustomerAccounts } from '@/lib/bills/list-customer-accounts';
import { formatBillDate, formatDateIn } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { requireUtility } from '@/lib/utility';
import { BillBadge } from '../_components/bill-badge';
import { statusLabel } from '@/lib/payments/states';
import { BILL_STATE_LABELS } from '@/lib/bills/status';
import { formatPhone } from '@/lib/phone';
import { unlinkAccountAction } from '../accounts/link/actions';

export const metadata: Metadata = { title: 'My bills' };

export default async function BillsPage({
  searchParams,
}: {
  searchParams: Promise<{ linked?: string; unlinked?: string }>;
}) {
  const { customerId, name } = await requireCustomer('/bills');
  const [accounts, utility, { linked, unlinked }] = await Promise.all([
    listCustomerAccounts(customerId),
    requireUtility(),
    searchParams,
  ]);
  const currency = utility.currency;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">My bills</h1>
          <p className="text-slate-700">Signed in as {name}.</p>
        </div>
        <Link
          href="/accounts/link"
          className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
        >
          Link another account
        </Link>
      </div>
      {linked ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          Account linked.
        </p>
      ) : null}
      {unlinked ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          Account removed from your online account.
        </p>
      ) : null}
      {accounts.length === 0 ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <p>You have no accounts linked yet. Link the account on your bill to see and pay it.</p>
          <Link
            href="/accounts/link"
            className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Link an account
          </Link>
        </div>
      ) : null}
      {accounts.map((account) => {
        const bill = account.currentBill;
        return (
          <section
            key={account.id}
            aria-labelledby={`account-${account.id}`}
            className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`account-${account.id}`} className="text-lg font-semibold">
                Account {account.accountMasked}
              </h2>
              <p className="text-slate-600">{account.serviceAddress}</p>
            </div>
            {bill ? (
              <div className="flex flex-wrap items-center justify-between gap-4 rounded-md bg-slate-50 p-4">
                <div className="space-y-1">
                  <p className="flex items-center gap-2">
                    <span className="text-3xl font-bold" data-testid="balance">
                      {formatMoney(bill.balanceCents, currency)}
                    </span>
                    <BillBadge state={bill.state} />
                  </p>
                  <p className="text-slate-700">
                    {bill.state === 'paid' ? (
                      'Nothing to pay on the latest bill.'
                    ) : (
                      <>Due {formatBillDate(bill.dueDate)}</>
                    )}
                    {bill.amountPaidCents > 0 && bill.state !== 'paid' ? (
                      <>
                        {' '}
                        · {formatMoney(bill.amountPaidCents, currency)} of {formatMoney(bill.amountDueCents, currency)}{' '}
                        paid
                      </>
                    ) : null}
                  </p>
                </div>
                {bill.balanceCents > 0 ? (
                  <Link
                    href={`/bills/${bill.id}/pay`}
                    className="rounded-md bg-brand-700 px-5 py-3 text-lg font-semibold text-white hover:bg-brand-800"
                    aria-label={`Pay the bill for account ${account.accountMasked}`}
                  >
                    Pay
                  </Link>
                ) : null}
              </div>
            ) : (
              <p>No bills yet.</p>
            )}
            <details className="group">
              <summary className="cursor-pointer font-semibold text-brand-800">Bill and payment history</summary>
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-semibold">Bills</caption>
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="py-1">
                        Statement
                      </th>
                      <th scope="col">Amount</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.bills.map((b) => (
                      <tr key={b.id} className="border-t border-slate-200">
                        <td className="py-1">{formatBillDate(b.statementDate)}</td>
                        <td>{formatMoney(b.amountDueCents, currency)}</td>
                        <td>{BILL_STATE_LABELS[b.state]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-semibold">Payments</caption>
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="py-1">
                        Date
                      </th>
                      <th scope="col">Amount</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.payments.length === 0 ? (
                      <tr>
                        <td colSpan={3} className="py-1 text-slate-600">
                          No online payments yet.
                        </td>
                      </tr>
                    ) : (
                      account.payments.map((p) => (
                        <tr key={p.id} className="border-t border-slate-200">
                          <td className="py-1">
                            <Link href={`/payments/${p.id}`} className="text-brand-800 underline">
                              {formatDateIn(p.completedAt ?? p.createdAt, utility.timeZone)}
                            </Link>
                          </td>
                          <td>{formatMoney(p.amountCents, currency)}</td>
                          <td>{statusLabel(p.status)}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            </details>
            <details>
              <summary className="cursor-pointer font-semibold text-brand-800">Remove this account</summary>
              <form action={unlinkAccountAction.bind(null, account.id)} className="mt-3 space-y-3">
                <p className="text-slate-700">
                  It will no longer show here, and you can link it again with your bill. Did not link it yourself?
                  Remove it and call us on {formatPhone(utility.supportPhone)}.
                </p>
                <button
                  type="submit"
                  className="rounded-md border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                >
                  Remove account {account.accountMasked}
                </button>
              </form>
            </details>
          </section>
        );
      })}
    </div>
  );
}
