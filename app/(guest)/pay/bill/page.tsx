import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { getCustomerSession } from '@/lib/auth/customer-auth';
import { formatBillDate } from '@/lib/clock/format';
import { env } from '@/lib/env';
import { getGuestPass } from '@/lib/guest/guest-pass';
import { guestBill, type GuestBillView } from '@/lib/guest/guest-payer';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { feeNote, feeScheduleOf } from '@/lib/payments/fees';
import { requireUtility } from '@/lib/utility';
import { PayForm } from '@/app/(consumer)/bills/[billId]/pay/pay-form';
import {
  changeGuestPhoneAction,
  chooseGuestPhoneAction,
  startGuestAddingMethodAction,
  startGuestPaymentAction,
} from '../actions';
import { GuestPhoneForm } from '../guest-phone-form';
import { BillBadge } from '@/app/(consumer)/_components/bill-badge';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('guestPay'))('billTitle') };
}

export default async function GuestBillPage() {
  if (await getCustomerSession()) redirect('/bills');
  const pass = await getGuestPass();
  if (!pass) redirect('/pay?expired=1');
  const [bill, utility, t, locale] = await Promise.all([
    guestBill(pass),
    requireUtility(),
    getTranslations('guestPay'),
    requestLocale(),
  ]);
  if (!bill) redirect('/pay');
  const money = (cents: number) => formatMoney(cents, utility.currency, locale);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('billTitle')}</h1>
        <p className="text-slate-700">{t('account', { account: bill.accountMasked, town: bill.town })}</p>
      </div>
      <dl className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">{t('balance')}</dt>
        <dd className="text-right text-lg font-semibold" data-testid="balance">
          {money(bill.balanceCents)} <BillBadge state={bill.state} />
        </dd>
        <dt className="text-slate-600">{t('dueDate')}</dt>
        <dd className="text-right">{formatBillDate(bill.dueDate, locale)}</dd>
      </dl>
      {bill.balanceCents <= 0 ? (
        <p className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">{t('paidInFull')}</p>
      ) : !pass.customerId ? (
        <section aria-labelledby="phone-step" className="space-y-3">
          <h2 id="phone-step" className="text-lg font-semibold">
            {t('phoneStep')}
          </h2>
          <GuestPhoneForm action={chooseGuestPhoneAction} onFileMasked={bill.phoneOnFileMasked} />
        </section>
      ) : (
        <PayStep bill={bill} />
      )}
    </div>
  );
}

async function PayStep({ bill }: { bill: GuestBillView }) {
  const utility = await requireUtility();
  const [fees, t, locale] = await Promise.all([
    feeScheduleOf(utility.id),
    getTranslations('guestPay'),
    requestLocale(),
  ]);
  const money = (cents: number) => formatMoney(cents, utility.currency, locale);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-100 px-4 py-3">
        <p>
          {t.rich('sendTo', {
            phone: bill.payerPhoneMasked ?? '',
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
        </p>
        {bill.phoneOnFileMasked ? null : (
          <ActionForm
            action={changeGuestPhoneAction}
            label={t('another')}
            pendingText={t('changing')}
            variant="secondary"
          />
        )}
      </div>
      <PayForm
        action={startGuestPaymentAction.bind(null, bill.id)}
        idempotencyKey={randomUUID()}
        defaultAmount={centsToDecimalString(bill.balanceCents)}
        balanceText={money(bill.balanceCents)}
        savedMethods={[]}
        canSave={false}
        payee={utility.name}
        sandbox={env().PAYMENT_PROCESSOR === 'sandbox'}
        feeNotes={{
          card: feeNote(fees, 'CARD', money, locale),
          bank: feeNote(fees, 'US_BANK_ACCOUNT', money, locale),
        }}
        stripe={
          env().PAYMENT_PROCESSOR === 'stripe'
            ? { publishableKey: env().STRIPE_PUBLISHABLE_KEY!, startAdding: startGuestAddingMethodAction }
            : undefined
        }
      />
    </>
  );
}
