import { dateTimeFormat } from '@/lib/intl/date-time-format';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CodePage } from '@/app/(auth)/_components/code-page';
import { clock } from '@/lib/clock';
import { getChallengeStatus } from '@/lib/customers/get-challenge-status';
import { cancelPaymentAction, confirmPaymentAction, resendPaymentCodeAction } from '../../actions';
import { PaymentSummary } from '../../_summary';

import { loadCustomerPayment } from '../../_load';

export const metadata: Metadata = { title: 'Enter your code to pay' };

export default async function AuthorizePaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility } = await loadCustomerPayment(paymentId, '/authorize');
  if (payment.status === 'CREATED') redirect(`/payments/${paymentId}/review`);
  if (payment.status !== 'AWAITING_OTP') redirect(`/payments/${paymentId}`);
  const status = payment.challengeId ? await getChallengeStatus(payment.challengeId, 'PAYMENT', payment.id) : null;
  const today = dateTimeFormat('en-US', { dateStyle: 'long', timeZone: utility.timeZone }).format(clock.now());
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Enter the code to pay</h1>
      <PaymentSummary payment={payment} utility={utility} date={today} />
      <CodePage
        status={status}
        startOverHref={`/bills/${payment.billId}/pay`}
        verifyAction={confirmPaymentAction.bind(null, payment.id)}
        resendAction={resendPaymentCodeAction.bind(null, payment.id)}
        submitLabel="Pay now"
        pendingText="Paying…"
      />
      <form action={cancelPaymentAction.bind(null, payment.id)}>
        <button type="submit" className="font-semibold text-slate-700 underline">
          Cancel this payment
        </button>
      </form>
    </div>
  );
}
