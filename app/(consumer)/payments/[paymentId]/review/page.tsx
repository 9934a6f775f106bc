import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import { formatLongDateIn } from '@/lib/clock/format';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { clock } from '@/lib/clock';
import { formatMoney } from '@/lib/money';
import { sendPaymentCodeAction } from '../../actions';
import { PaymentSummary } from '../../_summary';

import { loadCustomerPayment } from '../../_load';
import { CancelPaymentButton } from '../../_cancel-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('metaTitle') };
}

export default async function ReviewPaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '/review');
  const [t, locale] = await Promise.all([getTranslations('review'), requestLocale()]);
  const today = formatLongDateIn(clock.now(), utility.timeZone, locale);
  const amount = formatMoney(payment.amountCents + payment.feeCents, payment.currency, locale);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-lg font-medium" data-testid="payment-sentence">
          {payment.methodLabel
            ? t('sentenceFrom', { amount, payee: utility.name, method: payment.methodLabel })
            : t('sentence', { amount, payee: utility.name })}
        </p>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <PaymentSummary payment={payment} utility={utility} date={today} />
      <ActionForm
        action={sendPaymentCodeAction.bind(null, payment.id)}
        label={t('sendCode')}
        pendingText={t('sending')}
      />
      <div className="flex flex-wrap items-center gap-4">
        <Link href={links.pay} className="font-semibold text-brand-800 underline">
          {t('change')}
        </Link>
        <CancelPaymentButton paymentId={payment.id} />
      </div>
    </div>
  );
}
