'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/actions';
import { formatMoney } from '@/lib/money';
import { refundPayment } from '@/lib/payments/refund-payment';
import { RefundSchema } from '@/lib/validation/schemas';
import { requireUtility } from '@/lib/utility';

/** ADMIN only: refund part or all of a completed payment (bound: the payment id). */
export const refundPaymentAction = formAction({
  who: { staff: 'ADMIN' },
  bound: 1,
  schema: RefundSchema,
  hidden: ['idempotencyKey'],
  run: async ({ amount, reason, idempotencyKey }, { caller, clientIp }, paymentId) => {
    const result = await refundPayment({
      staffId: caller.staffId,
      paymentId: paymentId!,
      amountCents: amount,
      reason,
      idempotencyKey,
      clientIp,
    });
    revalidatePath(`/staff/payments/${paymentId}`);
    const money = formatMoney(amount, (await requireUtility()).currency);
    if (result.outcome === 'refused')
      return { status: 'error' as const, message: result.message ?? 'The processor refused the refund.' };
    return {
      status: 'success' as const,
      message:
        result.outcome === 'issued'
          ? `Refunded ${money}. The customer was texted.`
          : `Refund of ${money} sent; the processor has not answered yet. It is retried automatically.`,
    };
  },
});
