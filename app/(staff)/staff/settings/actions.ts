'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/actions';
import { setFeeSchedule } from '@/lib/payments/fees';
import { requireUtility } from '@/lib/utility';
import { FeeScheduleSchema } from '@/lib/validation/schemas';

export const setFeesAction = formAction({
  who: { staff: 'ADMIN' },
  schema: FeeScheduleSchema,
  run: async (schedule, { caller, clientIp }) => {
    await setFeeSchedule(caller.staffId, (await requireUtility()).id, schedule, clientIp);
    revalidatePath('/staff/settings');
    return { status: 'success' as const, message: 'Fees saved. Payments started from now on carry them.' };
  },
});
