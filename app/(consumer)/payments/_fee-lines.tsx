import { formatMoney } from '@/lib/money';

/** The convenience fee and the total charged, as rows of a payment's <dl>; nothing when there is no fee. */
export function FeeLines({
  payment,
  totalClassName,
}: {
  payment: { amountCents: number; feeCents: number; currency: string };
  totalClassName: string;
}) {
  if (payment.feeCents <= 0) return null;
  return (
    <>
      <dt className="text-slate-600">Convenience fee</dt>
      <dd className="text-right" data-testid="payment-fee">
        {formatMoney(payment.feeCents, payment.currency)}
      </dd>
      <dt className="text-slate-600">Total charged</dt>
      <dd className={`text-right ${totalClassName}`} data-testid="payment-total">
        {formatMoney(payment.amountCents + payment.feeCents, payment.currency)}
      </dd>
    </>
  );
}
