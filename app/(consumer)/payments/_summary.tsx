import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { FeeLines } from './_fee-lines';
import type { PaymentView } from '@/lib/payments/get-customer-payment';
import type { UtilityProfile } from '@/lib/utility';

/** What the customer approves: utility, account, amount, card or bank account, date. The same on review and code pages. */
export async function PaymentSummary({
  payment,
  utility,
  date,
}: {
  payment: PaymentView;
  utility: UtilityProfile;
  date: string;
}) {
  const [t, locale] = await Promise.all([getTranslations('summary'), requestLocale()]);
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={t('label')}
    >
      <dt className="text-slate-600">{t('payTo')}</dt>
      <dd className="text-right font-medium">{utility.name}</dd>
      <dt className="text-slate-600">{t('account')}</dt>
      <dd className="text-right font-medium">{payment.accountMasked}</dd>
      <dt className="text-slate-600">{t('amount')}</dt>
      <dd
        className={payment.feeCents > 0 ? 'text-right font-medium' : 'text-right text-2xl font-bold'}
        data-testid="payment-amount"
      >
        {formatMoney(payment.amountCents, payment.currency, locale)}
      </dd>
      <FeeLines payment={payment} totalClassName="text-2xl font-bold" />
      <dt className="text-slate-600">{t('from')}</dt>
      <dd className="text-right font-medium" data-testid="payment-method">
        {payment.methodLabel ?? t('notChosen')}
      </dd>
      <dt className="text-slate-600">{t('date')}</dt>
      <dd className="text-right">{date}</dd>
    </dl>
  );
}
