'use server';

import { revalidatePath } from 'next/cache';
import { buttonAction, formAction } from '@/lib/actions';
import { addStaffUser, NewStaffSchema, setStaffUserDisabled } from '@/lib/staff/manage-staff';
import type { FormState } from '@/lib/validation/form-state';

export const addStaffUserAction = formAction({
  who: { staff: 'ADMIN' },
  schema: NewStaffSchema,
  secret: ['password'],
  run: async (user, { caller, clientIp }): Promise<FormState> => {
    await addStaffUser(user, caller.staffId, clientIp);
    revalidatePath('/staff/users');
    return { status: 'success', message: `${user.email} can now sign in.` };
  },
});

/** Bound to a user's id and "disable" or "enable". */
export const setStaffUserDisabledAction = buttonAction({
  who: { staff: 'ADMIN' },
  bound: 2,
  run: async ({ caller, clientIp }, userId, change) => {
    await setStaffUserDisabled({ userId: userId!, disabled: change === 'disable', adminId: caller.staffId, clientIp });
    revalidatePath('/staff/users');
  },
});
