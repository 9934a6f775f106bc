import { formatLongDateIn } from '@/lib/clock/format';
import type { Metadata } from 'next';
import { CodePage } from '@/components/otp/code-page';
import { clock } from '@/lib/clock';
import { getChallengeStatus } from '@/lib/otp/get-challenge-status';
import { confirmPaymentAction, resendPaymentCodeAction } from '../../actions';
import { PaymentSummary } from '../../_summary';

import { loadCustomerPayment } from '../../_load';
import { CancelPaymentButton } from '../../_cancel-button';

export const metadata: Metadata = { title: 'Enter your code to pay' };

export default async function AuthorizePaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '/authorize');
  const status = payment.challengeId ? await getChallengeStatus(payment.challengeId, 'PAYMENT', payment.id) : null;
  const today = formatLongDateIn(clock.now(), utility.timeZone);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter the code to pay</h1>
      <PaymentSummary payment={payment} utility={utility} date={today} />
      <CodePage
        status={status}
        startOverHref={links.pay}
        verifyAction={confirmPaymentAction.bind(null, payment.id)}
        resendAction={resendPaymentCodeAction.bind(null, payment.id)}
        submitLabel="Pay now"
        pendingText="Paying…"
      />
      <CancelPaymentButton paymentId={payment.id} />
    </div>
  );
}
