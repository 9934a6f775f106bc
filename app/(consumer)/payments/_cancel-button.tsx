import { getTranslations } from 'next-intl/server';
import { cancelPaymentAction } from './actions';

/** "Cancel this payment", on the review and code pages. */
export async function CancelPaymentButton({ paymentId }: { paymentId: string }) {
  const t = await getTranslations('review');
  return (
    <form action={cancelPaymentAction.bind(null, paymentId)}>
      <button type="submit" className="font-semibold text-slate-700 underline">
        {t('cancel')}
      </button>
    </form>
  );
}
