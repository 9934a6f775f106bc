import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireCustomer } from '@/lib/auth/require-customer';
import { requireCustomerBill } from '@/lib/bills/list-customer-accounts';
import { formatBillDate } from '@/lib/clock/format';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { requireUtility } from '@/lib/utility';
import { NotFoundError } from '@/lib/errors';
import { clientIp } from '@/lib/request/client-ip';
import { env } from '@/lib/env';
import { listSavedMethods, methodLabel } from '@/lib/payments/methods';
import { feeNote, feeScheduleOf } from '@/lib/payments/fees';
import { startAddingMethodAction, startPaymentAction } from '../../../payments/actions';
import { PayForm } from './pay-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pay'))('metaTitle') };
}

export default async function PayBillPage({ params }: { params: Promise<{ billId: string }> }) {
  const { billId } = await params;
  const { customerId } = await requireCustomer(`/bills/${billId}/pay`);
  const [t, locale] = await Promise.all([getTranslations('pay'), requestLocale()]);
  const [bill, utility, methods, fees] = await Promise.all([
    requireCustomerBill(customerId, billId, await clientIp()).catch((error: unknown) => {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }),
    requireUtility(),
    listSavedMethods(customerId),
    requireUtility().then((u) => feeScheduleOf(u.id)),
  ]);
  const money = (cents: number) => formatMoney(cents, utility.currency, locale);
  const feeNotes = {
    card: feeNote(fees, 'CARD', money, locale),
    bank: feeNote(fees, 'US_BANK_ACCOUNT', money, locale),
  };
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('account', { account: bill.accountMasked, address: bill.serviceAddress })}</p>
      </div>
      <dl className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">{t('balance')}</dt>
        <dd className="text-right text-lg font-semibold">{money(bill.balanceCents)}</dd>
        <dt className="text-slate-600">{t('dueDate')}</dt>
        <dd className="text-right">{formatBillDate(bill.dueDate, locale)}</dd>
      </dl>
      {bill.balanceCents > 0 ? (
        // A new key per rendering of the form: submitting this form twice makes one payment.
        <PayForm
          action={startPaymentAction.bind(null, bill.id)}
          idempotencyKey={randomUUID()}
          defaultAmount={centsToDecimalString(bill.balanceCents)}
          balanceText={money(bill.balanceCents)}
          savedMethods={methods.map((m) => ({
            id: m.id,
            label: methodLabel(m),
            detail: [
              m.type === 'CARD'
                ? t('cardExpires', { expiry: `${m.expMonth}/${String(m.expYear).slice(-2)}` })
                : t('bankAccount'),
              m.isDefault ? t('default') : null,
              m.type === 'CARD' ? feeNotes.card : feeNotes.bank,
            ]
              .filter(Boolean)
              .join(' · '),
            isDefault: m.isDefault,
          }))}
          payee={utility.name}
          sandbox={env().PAYMENT_PROCESSOR === 'sandbox'}
          feeNotes={feeNotes}
          stripe={
            env().PAYMENT_PROCESSOR === 'stripe'
              ? { publishableKey: env().STRIPE_PUBLISHABLE_KEY!, startAdding: startAddingMethodAction }
              : undefined
          }
        />
      ) : (
        <p className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">{t('paidInFull')}</p>
      )}
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/bills" className="font-semibold text-brand-800 underline">
          {t('back')}
        </Link>
        {methods.length > 0 ? (
          <Link href="/methods" className="font-semibold text-brand-800 underline">
            {t('saved')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
