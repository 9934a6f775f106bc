import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';

/** The convenience fee and the total charged, as rows of a payment's <dl>; nothing when there is no fee. */
export async function FeeLines({
  payment,
  totalClassName,
}: {
  payment: { amountCents: number; feeCents: number; currency: string };
  totalClassName: string;
}) {
  if (payment.feeCents <= 0) return null;
  const [t, locale] = await Promise.all([getTranslations('summary'), requestLocale()]);
  return (
    <>
      <dt className="text-slate-600">{t('fee')}</dt>
      <dd className="text-right" data-testid="payment-fee">
        {formatMoney(payment.feeCents, payment.currency, locale)}
      </dd>
      <dt className="text-slate-600">{t('total')}</dt>
      <dd className={`text-right ${totalClassName}`} data-testid="payment-total">
        {formatMoney(payment.amountCents + payment.feeCents, payment.currency, locale)}
      </dd>
    </>
  );
}
