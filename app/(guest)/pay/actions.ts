'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { GUEST_PROVIDER, GuestRegistrationRefused, signInCustomer } from '@/lib/auth/customer-auth';
import { endGuestPass, getGuestPass, setGuestPassCookie, startGuestPass } from '@/lib/guest/guest-pass';
import { choosePayerPhone, forgetPayerPhone, startGuestPayment } from '@/lib/guest/guest-payer';
import { methodChoiceFrom, startAddingMethod } from '@/lib/payments/methods';
import { paymentPage } from '@/lib/payments/states';
import { LinkAccountSchema, NameSchema, PaySchema, PhoneOnFileSchema } from '@/lib/validation/schemas';
import { cookies } from 'next/headers';
import { guestPassCookie } from '@/lib/auth/cookies';

// Pay without registering: every step reads this browser's pass (lib/guest); without one, start again.

async function requirePass() {
  const pass = await getGuestPass();
  if (!pass) redirect('/pay?expired=1');
  return pass;
}

export const startGuestPayAction = formAction({
  who: { anyone: true },
  schema: LinkAccountSchema,
  run: async (input, { clientIp }) => {
    await setGuestPassCookie(await startGuestPass({ ...input, clientIp }));
    redirect('/pay/bill');
  },
});

export const chooseGuestPhoneAction = formAction({
  who: { anyone: true },
  // Blank is fine when the account has a number on file (what is typed is ignored then).
  schema: z.object({ phone: PhoneOnFileSchema.optional().default('') }),
  run: async ({ phone }, { locale }) => {
    await choosePayerPhone(await requirePass(), phone, locale);
    redirect('/pay/bill');
  },
});

export const changeGuestPhoneAction = formAction({
  who: { anyone: true },
  schema: z.object({}),
  run: async () => {
    await forgetPayerPhone(await requirePass());
    redirect('/pay/bill');
  },
});

export const startGuestPaymentAction = formAction({
  who: { anyone: true },
  bound: 1,
  schema: PaySchema,
  hidden: ['idempotencyKey'],
  secret: ['cardNumber', 'cvc', 'accountNumber', 'token'],
  run: async (form, { clientIp }, billId) => {
    const started = await startGuestPayment({
      pass: await requirePass(),
      billId: billId!,
      amountCents: form.amount,
      choice: methodChoiceFrom(form),
      idempotencyKey: form.idempotencyKey,
      clientIp,
    });
    redirect(paymentPage(started.paymentId, started.status));
  },
});

/** Stripe's Payment Element asks for a SetupIntent (for the payer's number) before the card is typed. */
export const startGuestAddingMethodAction = formAction({
  who: { anyone: true },
  schema: z.object({}),
  run: async () => {
    const pass = await requirePass();
    if (!pass.customerId) redirect('/pay/bill');
    return { status: 'setup' as const, clientSecret: await startAddingMethod(pass.customerId) };
  },
});

/** From the receipt: register with the number the payment code proved, and be signed in. */
export const registerGuestAction = formAction({
  who: { anyone: true },
  schema: z.object({ name: NameSchema }),
  run: async ({ name }, { locale }) => {
    const token = (await cookies()).get(guestPassCookie().name)?.value ?? '';
    try {
      await signInCustomer(GUEST_PROVIDER, { name, pass: token, language: locale, redirect: false });
    } catch (error) {
      throw error instanceof GuestRegistrationRefused ? error.reason : error;
    }
    await endGuestPass();
    redirect('/bills?welcome=1');
  },
});
