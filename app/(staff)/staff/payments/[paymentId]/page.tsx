import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { audit } from '@/lib/audit';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatBillDate, formatInstant } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { clientIp } from '@/lib/request/client-ip';
import { getPaymentTimeline } from '@/lib/payments/get-payment-timeline';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../../_staff-bar';
import { randomUUID } from 'node:crypto';
import { centsToDecimalString } from '@/lib/money';
import { isCompleted, statusLabel } from '@/lib/payments/states';
import { methodLabel } from '@/lib/payments/methods';
import { refundPaymentAction } from './actions';
import { textingStatusOf } from '@/lib/sms/opt-out';
import { RefundForm } from './refund-form';

export const metadata: Metadata = { title: 'Payment · Staff', robots: { index: false } };

export default async function StaffPaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const staff = await requireStaff();
  const { paymentId } = await params;
  const [timeline, utility] = await Promise.all([getPaymentTimeline(paymentId), requireUtility()]);
  if (!timeline || !utility) notFound();
  const texting = await textingStatusOf(timeline.payment.customer.phoneE164);
  await audit({
    actorType: 'STAFF',
    actorId: staff.staffId,
    action: 'staff.viewed_payment',
    subjectType: 'payment',
    subjectId: paymentId,
    clientIp: await clientIp(),
  });
  const { payment, entries } = timeline;
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">
        Payment <span className="font-mono">{payment.confirmationNumber}</span>
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-slate-600">Status</dt>
        <dd className="font-semibold" data-testid="payment-status">
          {statusLabel(payment.status)}
        </dd>
        <dt className="text-slate-600">Amount</dt>
        <dd className="font-semibold">{formatMoney(payment.amountCents, payment.currency)}</dd>
        <dt className="text-slate-600">Customer</dt>
        <dd>
          <Link href={`/staff/customers/${payment.customer.id}`} className="text-brand-800 underline">
            {payment.customer.name}
          </Link>{' '}
          · {payment.phoneMasked} ·{' '}
          <Link
            href={`/staff/payments?phone=${encodeURIComponent(payment.customer.phoneE164)}`}
            className="text-brand-800 underline"
          >
            their payments
          </Link>
        </dd>
        <dt className="text-slate-600">Texts</dt>
        <dd data-testid="texting">
          {texting.optOut
            ? `Opted out (replied ${texting.optOut.keyword}) ${formatInstant(texting.optOut.optedOutAt, utility.timeZone)}`
            : 'Allowed'}
          {texting.consent
            ? ` · consent ${formatInstant(texting.consent.consentedAt, utility.timeZone)} (${texting.consent.source})`
            : ' · no consent on record'}
        </dd>
        <dt className="text-slate-600">Account</dt>
        <dd>
          <span className="font-mono">{payment.account.accountNumber}</span> · {payment.account.holderName},{' '}
          {payment.account.serviceAddress} ·{' '}
          <Link href={`/staff/payments?account=${payment.account.accountNumber}`} className="text-brand-800 underline">
            this account’s payments
          </Link>
        </dd>
        <dt className="text-slate-600">Bill</dt>
        <dd>
          Statement {formatBillDate(payment.bill.statementDate)} ·{' '}
          {formatMoney(payment.bill.amountPaidCents, payment.currency)} of{' '}
          {formatMoney(payment.bill.amountDueCents, payment.currency)} paid
        </dd>
        <dt className="text-slate-600">Paid from</dt>
        <dd>{payment.method ? methodLabel(payment.method) : '—'}</dd>
        <dt className="text-slate-600">Refunded</dt>
        <dd data-testid="refunded">{formatMoney(payment.refundedCents, payment.currency)}</dd>
        <dt className="text-slate-600">Processor</dt>
        <dd className="font-mono text-xs">{payment.processorReference ?? payment.failureCode ?? '—'}</dd>
      </dl>
      {payment.refunds.length > 0 ? (
        <section aria-labelledby="refunds" className="space-y-2">
          <h2 id="refunds" className="text-lg font-semibold">
            Refunds
          </h2>
          <ul className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
            {payment.refunds.map((r) => (
              <li key={r.id}>
                {formatMoney(r.amountCents, payment.currency)} · {r.status.toLowerCase()} ·{' '}
                {formatInstant(r.createdAt, utility.timeZone)} · {r.reason}
                {r.failureMessage ? <span className="text-red-800"> · {r.failureMessage}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {staff.role === 'ADMIN' && isCompleted(payment.status) && payment.refundedCents < payment.amountCents ? (
        <section aria-labelledby="refund" className="max-w-md space-y-2">
          <h2 id="refund" className="text-lg font-semibold">
            Refund this payment
          </h2>
          <RefundForm
            action={refundPaymentAction.bind(null, payment.id)}
            idempotencyKey={randomUUID()}
            leftText={formatMoney(payment.amountCents - payment.refundedCents, payment.currency)}
            defaultAmount={centsToDecimalString(payment.amountCents - payment.refundedCents)}
          />
        </section>
      ) : null}
      <section aria-labelledby="timeline" className="space-y-2">
        <h2 id="timeline" className="text-lg font-semibold">
          Timeline ({utility.timeZone})
        </h2>
        <ol className="space-y-1 rounded-lg border border-slate-200 bg-white p-4" data-testid="timeline">
          {entries.map((e, i) => (
            <li key={i} className="grid gap-x-4 sm:grid-cols-[14rem_1fr]">
              <time dateTime={e.at.toISOString()} className="text-slate-600">
                {formatInstant(e.at, utility.timeZone, { seconds: true })}
              </time>
              <span>
                {e.what}
                {e.detail ? <span className="text-slate-600"> · {e.detail}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
