'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getStaffSession, signInStaff, signOutStaff, STAFF_PROVIDER, StaffSignInRefused } from '@/lib/auth/staff-auth';
import { endStaffSessions } from '@/lib/auth/session-version';
import type { FormState } from '@/lib/validation/form-state';
import { fieldErrorsOf } from '@/lib/validation/schemas';
import { assertForm } from '@/lib/validation/action-args';

const StaffSignInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your work email.').max(200).pipe(z.email('Enter an email like name@utility.example.')),
  password: z.string().min(1, 'Enter your password.').max(200, 'That is too long.'),
});

export async function staffSignInAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = StaffSignInSchema.safeParse({ email: values.email, password: String(formData.get('password') ?? '') });
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signInStaff(STAFF_PROVIDER, { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof StaffSignInRefused) return { status: 'error', message: error.reason.userMessage, values };
    throw error;
  }
  redirect('/staff/payments');
}

export async function staffSignOutAction(): Promise<void> {
  const staff = await getStaffSession();
  if (staff) await endStaffSessions(staff.staffId);
  await signOutStaff({ redirect: false });
  redirect('/staff/sign-in');
}
