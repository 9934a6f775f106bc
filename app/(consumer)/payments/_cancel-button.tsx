import { cancelPaymentAction } from './actions';

/** "Cancel this payment", on the review and code pages. */
export function CancelPaymentButton({ paymentId }: { paymentId: string }) {
  return (
    <form action={cancelPaymentAction.bind(null, paymentId)}>
      <button type="submit" className="font-semibold text-slate-700 underline">
        Cancel this payment
      </button>
    </form>
  );
}
