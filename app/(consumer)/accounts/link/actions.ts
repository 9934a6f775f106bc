'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { LinkAccountError, linkAccount } from '@/lib/accounts/link-account';
import { requireCustomer } from '@/lib/auth/require-customer';
import { clientIp } from '@/lib/request/client-ip';
import type { FormState } from '@/lib/validation/form-state';
import { fieldErrorsOf, LinkAccountSchema } from '@/lib/validation/schemas';
import { assertForm } from '@/lib/validation/action-args';

export async function linkAccountAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const { customerId } = await requireCustomer('/accounts/link');
  const values = { accountNumber: String(formData.get('accountNumber') ?? ''), secondFact: String(formData.get('secondFact') ?? '') };
  const parsed = LinkAccountSchema.safeParse(values);
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await linkAccount({ customerId, ...parsed.data, clientIp: await clientIp() });
  } catch (error) {
    if (error instanceof LinkAccountError) return { status: 'error', message: error.userMessage, values };
    throw error;
  }
  revalidatePath('/bills');
  redirect('/bills?linked=1');
}
