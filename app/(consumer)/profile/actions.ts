'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { closeAccount, sendCloseAccountCode } from '@/lib/customers/close-account';
import { resendPhoneChangeCode, startPhoneChange, verifyPhoneChangeCode } from '@/lib/customers/phone-change';
import { signOutCustomer } from '@/lib/auth/customer-auth';
import { PhoneInputSchema, ResendCodeSchema, VerifyCodeSchema } from '@/lib/validation/schemas';

export const startPhoneChangeAction = formAction({
  who: { customer: { next: '/profile/phone' } },
  schema: z.object({ phone: PhoneInputSchema }),
  run: async ({ phone }, { caller, clientIp }) => {
    await startPhoneChange({ customerId: caller.customerId, phone, clientIp });
    redirect('/profile/phone');
  },
});

/** The code of the step the change is at (the page carries the challenge id, but the change decides). */
export const verifyPhoneChangeAction = formAction({
  who: { customer: { next: '/profile/phone' } },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ code }, { caller, clientIp }) => {
    const { completed } = await verifyPhoneChangeCode({ customerId: caller.customerId, code, clientIp });
    redirect(completed ? '/profile?changed=1' : '/profile/phone');
  },
});

export const resendPhoneChangeAction = formAction({
  who: { customer: { next: '/profile/phone' } },
  schema: ResendCodeSchema,
  run: async (_input, { caller, clientIp }) => {
    await resendPhoneChangeCode(caller.customerId, clientIp);
    redirect('/profile/phone');
  },
});

const sendCloseCode = async ({ caller, clientIp }: { caller: { customerId: string }; clientIp: string }) => {
  redirect(`/profile/close?c=${await sendCloseAccountCode(caller.customerId, clientIp)}`);
};

export const sendCloseAccountCodeAction = formAction({
  who: { customer: { next: '/profile/close' } },
  schema: z.object({}),
  run: (_input, context) => sendCloseCode(context),
});

export const resendCloseAccountCodeAction = formAction({
  who: { customer: { next: '/profile/close' } },
  schema: ResendCodeSchema,
  run: (_input, context) => sendCloseCode(context),
});

export const closeAccountAction = formAction({
  who: { customer: { next: '/profile/close' } },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ challengeId, code }, { caller, clientIp }) => {
    await closeAccount({ customerId: caller.customerId, challengeId, code, clientIp });
    await signOutCustomer({ redirect: false });
    redirect('/?closed=1');
  },
});
