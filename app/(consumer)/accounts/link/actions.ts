'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { linkAccount, resendAccountLink, unlinkAccount, verifyAccountLink } from '@/lib/accounts/link-account';
import { buttonAction, formAction } from '@/lib/actions';
import { LinkAccountSchema, ResendCodeSchema, VerifyCodeSchema } from '@/lib/validation/schemas';

export const linkAccountAction = formAction({
  who: { customer: { next: '/accounts/link' } },
  schema: LinkAccountSchema,
  run: async (input, { caller, clientIp }) => {
    const outcome = await linkAccount({ customerId: caller.customerId, ...input, clientIp });
    if (!outcome.linked) redirect(`/accounts/link/verify?c=${outcome.challengeId}`);
    revalidatePath('/bills');
    redirect('/bills?linked=1');
  },
});

export const verifyAccountLinkAction = formAction({
  who: { customer: { next: '/accounts/link' } },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ challengeId, code }, { caller, clientIp }) => {
    await verifyAccountLink({ customerId: caller.customerId, challengeId, code, clientIp });
    revalidatePath('/bills');
    redirect('/bills?linked=1');
  },
});

/** A new code to the number on file: the same account as the request being resent, nothing from the client. */
export const resendAccountLinkAction = formAction({
  who: { customer: { next: '/accounts/link' } },
  schema: ResendCodeSchema,
  run: async ({ challengeId }, { caller, clientIp }) => {
    redirect(`/accounts/link/verify?c=${await resendAccountLink(caller.customerId, challengeId, clientIp)}`);
  },
});

export const unlinkAccountAction = buttonAction({
  who: { customer: { next: '/bills' } },
  bound: 1,
  run: async ({ caller, clientIp }, accountId) => {
    await unlinkAccount({ customerId: caller.customerId, accountId: accountId!, clientIp });
    revalidatePath('/bills');
    redirect('/bills?unlinked=1');
  },
});
