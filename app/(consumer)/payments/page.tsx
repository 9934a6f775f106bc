import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { formatInstant } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { listCustomerPayments } from '@/lib/payments/get-customer-payment';
import { requireUtility } from '@/lib/utility';
import { isCompleted, statusLabel } from '@/lib/payments/states';

export const metadata: Metadata = { title: 'Payment history' };

export default async function PaymentHistoryPage() {
  const { customerId } = await requireCustomer('/payments');
  const [payments, utility] = await Promise.all([listCustomerPayments(customerId), requireUtility()]);
  const timeZone = utility.timeZone;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Payment history</h1>
      {payments.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5">No payments yet.</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="Payments, newest first"
        >
          {payments.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-4">
              <div>
                <p className="font-semibold">
                  {formatMoney(p.amountCents, p.currency)} · Account {p.accountMasked}
                </p>
                <p className="text-sm text-slate-600">
                  {formatInstant(p.completedAt ?? p.createdAt, timeZone)} · {statusLabel(p.status)}
                  {isCompleted(p.status) ? <> · Confirmation {p.confirmationNumber}</> : null}
                </p>
              </div>
              <Link href={`/payments/${p.id}`} className="font-semibold text-brand-800 underline">
                {isCompleted(p.status) ? 'Receipt' : 'Details'}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
