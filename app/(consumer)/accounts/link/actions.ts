'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { linkAccount } from '@/lib/accounts/link-account';
import { formAction } from '@/lib/actions';
import { LinkAccountSchema } from '@/lib/validation/schemas';

export const linkAccountAction = formAction({
  who: { customer: { next: '/accounts/link' } },
  schema: LinkAccountSchema,
  run: async (input, { caller, clientIp }) => {
    await linkAccount({ customerId: caller.customerId, ...input, clientIp });
    revalidatePath('/bills');
    redirect('/bills?linked=1');
  },
});
