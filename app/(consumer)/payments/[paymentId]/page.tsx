import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('receipt'))('metaTitle') };
}

export default async function PaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '');
  const [t, locale] = await Promise.all([getTranslations('receipt'), requestLocale()]);
  const money = (cents: number) => formatMoney(cents, payment.currency, locale);

  if (!isCompleted(payment.status)) {
    const { title, message, pending } = unfinishedReceipt(
      payment.status,
      { code: payment.failureCode, message: payment.failureMessage },
      locale,
    );
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
          {t.rich('amountLine', {
            amount: money(payment.amountCents),
            account: payment.accountMasked,
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
          {payment.methodLabel ? t('fromLine', { method: payment.methodLabel }) : ''}
        </p>
        {pending ? (
          <p>
            {t('confirmationNumber')}:{' '}
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
              {t('toBank')}
            </a>
          ) : null}
          {!pending && payment.billBalanceCents > 0 ? (
            <Link
              href={links.pay}
              className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              {t('startAgain')}
            </Link>
          ) : null}
          {links.guest ? null : (
            <Link
              href="/bills"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              {t('bills')}
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
          {t('received')}
        </p>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">{t('confirmationNumber')}</dt>
        <dd className="text-right font-mono text-lg font-bold" data-testid="confirmation-number">
          {payment.confirmationNumber}
        </dd>
        <dt className="text-slate-600">{t('paidTo')}</dt>
        <dd className="text-right">{utility.name}</dd>
        <dt className="text-slate-600">{t('account')}</dt>
        <dd className="text-right">
          {payment.accountMasked}
          <br />
          {/* A one-time payer proved the account, not where it is: the town only. */}
          <span className="text-sm text-slate-600">
            {links.guest ? serviceTown(payment.serviceAddress) : payment.serviceAddress}
          </span>
        </dd>
        <dt className="text-slate-600">{t('amount')}</dt>
        <dd className="text-right text-xl font-bold">{money(payment.amountCents)}</dd>
        <FeeLines payment={payment} totalClassName="font-semibold" />
        <dt className="text-slate-600">{t('paidFrom')}</dt>
        <dd className="text-right">{payment.methodLabel ?? '—'}</dd>
        <dt className="text-slate-600">{t('when')}</dt>
        <dd className="text-right">{formatInstant(payment.completedAt!, utility.timeZone, { locale })}</dd>
        {payment.refunds.map((refund, i) => (
          <div key={i} className="contents" data-testid="refund">
            <dt className="text-slate-600">{refund.issued ? t('refunded') : t('refundPending')}</dt>
            <dd className="text-right">
              {t('refundOn', {
                amount: money(refund.amountCents),
                date: formatInstant(refund.createdAt, utility.timeZone, { locale }),
              })}
            </dd>
          </div>
        ))}
        <dt className="text-slate-600">{t('remaining')}</dt>
        <dd className="text-right" data-testid="remaining-balance">
          {money(payment.billBalanceCents)}
        </dd>
      </dl>
      <p className="text-slate-700">{t('texted')}</p>
      <div className="no-print flex flex-wrap gap-4">
        <PrintButton />
        {links.guest ? null : (
          <>
            <Link
              href="/bills"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              {t('bills')}
            </Link>
            <Link
              href="/payments"
              className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
            >
              {t('history')}
            </Link>
          </>
        )}
      </div>
      {links.guest ? <GuestRegisterOffer /> : null}
    </div>
  );
}
