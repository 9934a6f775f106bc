'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/require-staff';
import { clientIp } from '@/lib/request/client-ip';
import { addStaffUser, NewStaffSchema, setStaffUserDisabled, StaffAdminError } from '@/lib/staff/manage-staff';
import type { FormState } from '@/lib/validation/form-state';
import { fieldErrorsOf } from '@/lib/validation/schemas';
import { assertForm, assertIdArg } from '@/lib/validation/action-args';

export async function addStaffUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const admin = await requireStaff('ADMIN');
  const values = { email: String(formData.get('email') ?? ''), name: String(formData.get('name') ?? ''), role: String(formData.get('role') ?? '') };
  const parsed = NewStaffSchema.safeParse({ ...values, password: String(formData.get('password') ?? '') });
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await addStaffUser(parsed.data, admin.staffId, await clientIp());
  } catch (error) {
    if (error instanceof StaffAdminError) return { status: 'error', message: error.userMessage, values };
    throw error;
  }
  revalidatePath('/staff/users');
  return { status: 'success', message: `${parsed.data.email} can now sign in.` };
}

export async function setStaffUserDisabledAction(userId: string, disabled: boolean): Promise<void> {
  assertIdArg(userId);
  const admin = await requireStaff('ADMIN');
  try {
    await setStaffUserDisabled({ userId, disabled, adminId: admin.staffId, clientIp: await clientIp() });
  } catch (error) {
    if (!(error instanceof StaffAdminError)) throw error;
  }
  revalidatePath('/staff/users');
}
