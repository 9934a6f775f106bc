'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { decidePhoneChange } from '@/lib/customers/phone-change';
import { ReasonSchema } from '@/lib/validation/schemas';

/** ADMIN: approve or reject a lost phone's change, with a reason (bound: the request id, then 'approve' or 'reject'). */
export const decidePhoneChangeAction = formAction({
  who: { staff: 'ADMIN' },
  bound: 2,
  schema: z.object({ reason: ReasonSchema }),
  run: async ({ reason }, { caller, clientIp }, changeId, decision) => {
    const approve = decision === 'approve';
    await decidePhoneChange({ changeId: changeId!, approve, reason, staffId: caller.staffId, clientIp });
    revalidatePath('/staff/phone-changes');
    return {
      status: 'success' as const,
      message: approve
        ? 'Approved: the number is changed and the customer texted.'
        : 'Rejected: the new number was texted.',
    };
  },
});
