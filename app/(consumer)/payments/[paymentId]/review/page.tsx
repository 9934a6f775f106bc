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

export const metadata: Metadata = { title: 'Review your payment' };

export default async function ReviewPaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { payment, utility, links } = await loadCustomerPayment(paymentId, '/review');
  const today = formatLongDateIn(clock.now(), utility.timeZone);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Review your payment</h1>
        <p className="text-lg font-medium" data-testid="payment-sentence">
          Pay {formatMoney(payment.amountCents + payment.feeCents, payment.currency)} to {utility.name}
          {payment.methodLabel ? ` from ${payment.methodLabel}` : ''}
        </p>
        <p className="text-slate-700">
          Check the details. Next, we text a code to your phone; the text names this amount and how you pay.
        </p>
      </div>
      <PaymentSummary payment={payment} utility={utility} date={today} />
      <ActionForm
        action={sendPaymentCodeAction.bind(null, payment.id)}
        label="Text me the code to pay"
        pendingText="Sending your code…"
      />
      <div className="flex flex-wrap items-center gap-4">
        <Link href={links.pay} className="font-semibold text-brand-800 underline">
          Change the amount or how you pay
        </Link>
        <CancelPaymentButton paymentId={payment.id} />
      </div>
    </div>
  );
}
