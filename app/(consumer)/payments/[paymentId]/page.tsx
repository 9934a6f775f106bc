import type { Metadata } from 'next';
import Link from 'next/link';
import { formatInstant } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { PrintButton } from '../../_components/print-button';
import { FeeLines } from '../_fee-lines';
import { serviceTown } from '@/lib/accounts/bill-facts';
import { GuestRegisterOffer } from '@/app/(guest)/pay/_register-offer';

import { loadCustomerPayment } from '../_load';
import { awaitsBankStep, isCompleted, unfinishedReceipt } from '@/lib/payments/states';

export const metadata: Metadata = { title: 'Payment receipt' };

export default async function PaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '');

  if (!isCompleted(payment.status)) {
    const { title, message, pending } = unfinishedReceipt(payment.status, payment.failureMessage);
    return (
      <div className="mx-auto max-w-md space-y-5">
        <h1 className="text-2xl font-bold">{title}</h1>
        <p
          role={pending ? 'status' : 'alert'}
          className={
            pending
              ? 'rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950'
              : 'rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900'
          }
        >
          {message}
        </p>
        <p>
          Amount: <span className="font-semibold">{formatMoney(payment.amountCents, payment.currency)}</span> · Account{' '}
          {payment.accountMasked}
          {payment.methodLabel ? ` · From ${payment.methodLabel}` : ''}
        </p>
        {pending ? (
          <p>
            Confirmation number:{' '}
            <span className="font-mono font-bold" data-testid="confirmation-number">
              {payment.confirmationNumber}
            </span>
          </p>
        ) : null}
        <div className="flex flex-wrap gap-4">
          {payment.nextActionUrl && awaitsBankStep(payment.status) ? (
            <a
              href={payment.nextActionUrl}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              Continue to your bank
            </a>
          ) : null}
          {!pending && payment.billBalanceCents > 0 ? (
            <Link
              href={links.pay}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              Start a new payment
            </Link>
          ) : null}
          {links.guest ? null : (
            <Link
              href="/bills"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              My bills
            </Link>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-4 py-3 font-semibold text-green-900"
        >
          Payment received. Thank you!
        </p>
        <h1 className="text-2xl font-bold">Receipt</h1>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">Confirmation number</dt>
        <dd className="text-right font-mono text-lg font-bold" data-testid="confirmation-number">
          {payment.confirmationNumber}
        </dd>
        <dt className="text-slate-600">Paid to</dt>
        <dd className="text-right">{utility.name}</dd>
        <dt className="text-slate-600">Account</dt>
        <dd className="text-right">
          {payment.accountMasked}
          <br />
          {/* A one-time payer proved the account, not where it is: the town only. */}
          <span className="text-sm text-slate-600">
            {links.guest ? serviceTown(payment.serviceAddress) : payment.serviceAddress}
          </span>
        </dd>
        <dt className="text-slate-600">Amount</dt>
        <dd className="text-right text-xl font-bold">{formatMoney(payment.amountCents, payment.currency)}</dd>
        <FeeLines payment={payment} totalClassName="font-semibold" />
        <dt className="text-slate-600">Paid from</dt>
        <dd className="text-right">{payment.methodLabel ?? '—'}</dd>
        <dt className="text-slate-600">Date and time</dt>
        <dd className="text-right">{formatInstant(payment.completedAt!, utility.timeZone)}</dd>
        {payment.refunds.map((refund, i) => (
          <div key={i} className="contents" data-testid="refund">
            <dt className="text-slate-600">{refund.issued ? 'Refunded' : 'Refund on its way'}</dt>
            <dd className="text-right">
              {formatMoney(refund.amountCents, payment.currency)} on {formatInstant(refund.createdAt, utility.timeZone)}
            </dd>
          </div>
        ))}
        <dt className="text-slate-600">Remaining balance</dt>
        <dd className="text-right" data-testid="remaining-balance">
          {formatMoney(payment.billBalanceCents, payment.currency)}
        </dd>
      </dl>
      <p className="text-slate-700">We also texted this confirmation to your phone.</p>
      <div className="no-print flex flex-wrap gap-4">
        <PrintButton />
        {links.guest ? null : (
          <>
            <Link
              href="/bills"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              My bills
            </Link>
            <Link
              href="/payments"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              Payment history
            </Link>
          </>
        )}
      </div>
      {links.guest ? <GuestRegisterOffer /> : null}
    </div>
  );
}
