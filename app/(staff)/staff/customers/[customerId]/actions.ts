'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { unlockCustomerPhone } from '@/lib/customers/staff-view';
import { ReasonSchema } from '@/lib/validation/schemas';

/** STAFF: clear the wrong-code lock on a customer's phone, with a reason (bound: the customer id). */
export const unlockCustomerPhoneAction = formAction({
  who: { staff: 'STAFF' },
  bound: 1,
  schema: z.object({ reason: ReasonSchema }),
  run: async ({ reason }, { caller, clientIp }, customerId) => {
    const cleared = await unlockCustomerPhone({ customerId: customerId!, staffId: caller.staffId, clientIp, reason });
    revalidatePath(`/staff/customers/${customerId}`);
    return {
      status: 'success' as const,
      message: `Unlocked: ${cleared} wrong ${cleared === 1 ? 'code' : 'codes'} cleared. The customer was texted.`,
    };
  },
});
