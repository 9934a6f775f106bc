import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import { formatLongDateIn } from '@/lib/clock/format';
import type { Metadata } from 'next';
import { CodePage } from '@/components/otp/code-page';
import { clock } from '@/lib/clock';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { confirmPaymentAction, resendPaymentCodeAction } from '../../actions';
import { PaymentSummary } from '../../_summary';

import { loadCustomerPayment } from '../../_load';
import { CancelPaymentButton } from '../../_cancel-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('authorizeMetaTitle') };
}

export default async function AuthorizePaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '/authorize');
  const status = payment.challengeId ? await getChallengeStatus(payment.challengeId, 'PAYMENT', payment.id) : null;
  const [t, locale] = await Promise.all([getTranslations('review'), requestLocale()]);
  const today = formatLongDateIn(clock.now(), utility.timeZone, locale);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('authorizeTitle')}</h1>
      <PaymentSummary payment={payment} utility={utility} date={today} />
      <CodePage
        status={status}
        startOverHref={links.pay}
        verifyAction={confirmPaymentAction.bind(null, payment.id)}
        resendAction={resendPaymentCodeAction.bind(null, payment.id)}
        submitLabel={t('payNow')}
        pendingText={t('paying')}
      />
      <CancelPaymentButton paymentId={payment.id} />
    </div>
  );
}
