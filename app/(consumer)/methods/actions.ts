'use server';

import { revalidatePath } from 'next/cache';
import { buttonAction } from '@/lib/actions';
import { removeMethod, setDefaultMethod } from '@/lib/payments/methods';

export const removeMethodAction = buttonAction({
  who: { customer: { next: '/methods' } },
  bound: 1,
  run: async ({ caller }, methodId) => {
    await removeMethod(caller.customerId, methodId!);
    revalidatePath('/methods');
  },
});

export const makeDefaultMethodAction = buttonAction({
  who: { customer: { next: '/methods' } },
  bound: 1,
  run: async ({ caller }, methodId) => {
    await setDefaultMethod(caller.customerId, methodId!);
    revalidatePath('/methods');
  },
});
