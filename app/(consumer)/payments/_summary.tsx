import { formatMoney } from '@/lib/money';
import { FeeLines } from './_fee-lines';
import type { PaymentView } from '@/lib/payments/get-customer-payment';
import type { UtilityProfile } from '@/lib/utility';

/** What the customer approves: utility, account, amount, card or bank account, date. The same on review and code pages. */
export function PaymentSummary({
  payment,
  utility,
  date,
}: {
  payment: PaymentView;
  utility: UtilityProfile;
  date: string;
}) {
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Payment details"
    >
      <dt className="text-slate-600">Pay to</dt>
      <dd className="text-right font-medium">{utility.name}</dd>
      <dt className="text-slate-600">Account</dt>
      <dd className="text-right font-medium">{payment.accountMasked}</dd>
      <dt className="text-slate-600">Amount</dt>
      <dd
        className={payment.feeCents > 0 ? 'text-right font-medium' : 'text-right text-2xl font-bold'}
        data-testid="payment-amount"
      >
        {formatMoney(payment.amountCents, payment.currency)}
      </dd>
      <FeeLines payment={payment} totalClassName="text-2xl font-bold" />
      <dt className="text-slate-600">From</dt>
      <dd className="text-right font-medium" data-testid="payment-method">
        {payment.methodLabel ?? 'Not chosen'}
      </dd>
      <dt className="text-slate-600">Date</dt>
      <dd className="text-right">{date}</dd>
    </dl>
  );
}
