'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { buttonAction, formAction } from '@/lib/actions';
import { endStaffSessions } from '@/lib/auth/session-version';
import { getStaffSession, signInStaff, signOutStaff, STAFF_PROVIDER, StaffSignInRefused } from '@/lib/auth/staff-auth';

const StaffSignInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your work email.')
    .max(200)
    .pipe(z.email('Enter an email like name@utility.example.')),
  password: z.string().min(1, 'Enter your password.').max(200, 'That is too long.'),
});

export const staffSignInAction = formAction({
  who: { anyone: true },
  schema: StaffSignInSchema,
  secret: ['password'],
  run: async (credentials) => {
    try {
      await signInStaff(STAFF_PROVIDER, { ...credentials, redirect: false });
    } catch (error) {
      throw error instanceof StaffSignInRefused ? error.reason : error;
    }
    redirect('/staff/payments');
  },
});

export const staffSignOutAction = buttonAction({
  who: { anyone: true },
  bound: 0,
  run: async () => {
    const staff = await getStaffSession();
    if (staff) await endStaffSessions(staff.staffId);
    await signOutStaff({ redirect: false });
    redirect('/staff/sign-in');
  },
});
