'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { setPhoneOnFile } from '@/lib/accounts/staff-account';
import { formAction } from '@/lib/actions';
import { PhoneOnFileSchema, ReasonSchema } from '@/lib/validation/schemas';

/** STAFF: set or clear (blank) the mobile number on file for an account, with a reason (bound: the account id). */
export const setPhoneOnFileAction = formAction({
  who: { staff: 'STAFF' },
  bound: 1,
  schema: z.object({ phone: PhoneOnFileSchema, reason: ReasonSchema }),
  run: async ({ phone, reason }, { caller, clientIp }, accountId) => {
    const set = await setPhoneOnFile({ accountId: accountId!, phone, reason, staffId: caller.staffId, clientIp });
    revalidatePath(`/staff/accounts/${accountId}`);
    return { status: 'success' as const, message: set ? 'Number on file saved.' : 'Number on file cleared.' };
  },
});
