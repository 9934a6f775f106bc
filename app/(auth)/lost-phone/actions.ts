'use server';

import { redirect } from 'next/navigation';
import { formAction } from '@/lib/actions';
import { resendLostPhoneCode, startLostPhone, verifyLostPhoneCode } from '@/lib/customers/phone-change';
import { LinkAccountSchema, PhoneInputSchema, ResendCodeSchema, VerifyCodeSchema } from '@/lib/validation/schemas';

export const startLostPhoneAction = formAction({
  who: { anyone: true },
  schema: LinkAccountSchema.extend({ oldPhone: PhoneInputSchema, newPhone: PhoneInputSchema }),
  run: async (input, { clientIp }) => {
    redirect(`/lost-phone/verify?c=${await startLostPhone({ ...input, clientIp })}`);
  },
});

export const verifyLostPhoneAction = formAction({
  who: { anyone: true },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ challengeId, code }, { clientIp }) => {
    redirect(`/lost-phone/done?status=${await verifyLostPhoneCode({ challengeId, code, clientIp })}`);
  },
});

export const resendLostPhoneAction = formAction({
  who: { anyone: true },
  schema: ResendCodeSchema,
  run: async ({ challengeId }, { clientIp }) => {
    redirect(`/lost-phone/verify?c=${await resendLostPhoneCode(challengeId, clientIp)}`);
  },
});
