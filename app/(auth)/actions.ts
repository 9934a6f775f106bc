'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { buttonAction, formAction } from '@/lib/actions';
import { deviceCookie, localeCookie, registrationNameCookie } from '@/lib/auth/cookies';
import {
  CodeRefused,
  CUSTOMER_PROVIDER,
  getCustomerSession,
  signInCustomer,
  signOutCustomer,
} from '@/lib/auth/customer-auth';
import { endCustomerSessions } from '@/lib/auth/session-version';
import { newDeviceId } from '@/lib/customers/devices';
import { resendCustomerCode } from '@/lib/customers/resend-customer-code';
import { sendCustomerCode, type CustomerCodePurpose } from '@/lib/customers/send-customer-code';
import { env } from '@/lib/env';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { OtpError } from '@/lib/otp/errors';
import { textableNumber } from '@/lib/customers/account-codes';
import { sameOriginPath } from '@/lib/request/same-origin-path';
import { isUuid } from '@/lib/validation/ids';
import { RegisterSchema, ResendCodeSchema, SignInSchema, VerifyCodeSchema } from '@/lib/validation/schemas';

function safeNext(value: unknown): string {
  return sameOriginPath(value, env().PUBLIC_ORIGIN, '/bills');
}

function verifyPath(purpose: CustomerCodePurpose, challengeId: string, next?: string) {
  const base = purpose === 'REGISTRATION' ? '/register/verify' : '/sign-in/verify';
  return `${base}?c=${challengeId}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
}

/**
 * This browser's device id, from its cookie; with `create`, a new one when it has none (set on the
 * response, so the browser keeps it once its code is right: lib/customers/devices.ts).
 */
async function deviceId(options: { create?: boolean } = {}): Promise<string | undefined> {
  const jar = await cookies();
  const cookie = deviceCookie();
  const existing = jar.get(cookie.name)?.value;
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  if (!options.create) return undefined;
  const created = newDeviceId();
  jar.set(cookie.name, created, cookie.options);
  return created;
}

/** Normalises the typed number and sends the code (a number we cannot text is the phone field's error). */
async function sendCodeTo(
  purpose: CustomerCodePurpose,
  phoneText: string,
  { clientIp, locale }: { clientIp: string; locale: Locale },
): Promise<string> {
  const { challengeId } = await sendCustomerCode({
    purpose,
    phoneE164: await textableNumber(phoneText),
    clientIp,
    deviceId: await deviceId(),
    language: locale,
  });
  return challengeId;
}

export const startRegistrationAction = formAction({
  who: { anyone: true },
  schema: RegisterSchema,
  run: async ({ name, phone }, context) => {
    const challengeId = await sendCodeTo('REGISTRATION', phone, context);
    // The name waits in a short-lived cookie until the phone is proven.
    const cookie = registrationNameCookie();
    (await cookies()).set(cookie.name, name, cookie.options);
    redirect(verifyPath('REGISTRATION', challengeId));
  },
});

export const startSignInAction = formAction({
  who: { anyone: true },
  schema: SignInSchema,
  run: async ({ phone, next }, context) => {
    const challengeId = await sendCodeTo('SIGN_IN', phone, context);
    redirect(verifyPath('SIGN_IN', challengeId, safeNext(next)));
  },
});

/** Checks the code through next-auth, which starts the session; a refusal is the OtpError it carries. */
async function verifyCode(
  purpose: CustomerCodePurpose,
  challengeId: string,
  code: string,
  pageLocale: Locale,
): Promise<void> {
  if (!isUuid(challengeId)) throw OtpError.pageExpired();
  const jar = await cookies();
  const name = purpose === 'REGISTRATION' ? jar.get(registrationNameCookie().name)?.value : undefined;
  // Registering: the page's language becomes theirs. Signing in: only a language this browser chose
  // with the switch replaces the one they saved.
  const chosen = jar.get(localeCookie().name)?.value;
  const language = purpose === 'REGISTRATION' ? pageLocale : isLocale(chosen) ? chosen : undefined;
  try {
    await signInCustomer(CUSTOMER_PROVIDER, {
      purpose,
      challengeId,
      code,
      device: await deviceId({ create: true }),
      ...(name ? { name } : {}),
      ...(language ? { language } : {}),
      redirect: false,
    });
  } catch (error) {
    throw error instanceof CodeRefused ? error.otp : error;
  }
}

export const verifyRegistrationAction = formAction({
  who: { anyone: true },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ challengeId, code }, { locale }) => {
    await verifyCode('REGISTRATION', challengeId, code, locale);
    (await cookies()).delete({ name: registrationNameCookie().name, path: '/register' });
    redirect('/accounts/link?welcome=1');
  },
});

export const verifySignInAction = formAction({
  who: { anyone: true },
  schema: VerifyCodeSchema,
  secret: ['code'],
  run: async ({ challengeId, code, next }, { locale }) => {
    await verifyCode('SIGN_IN', challengeId, code, locale);
    redirect(safeNext(next));
  },
});

function resendAction(purpose: CustomerCodePurpose) {
  return formAction({
    who: { anyone: true },
    schema: ResendCodeSchema,
    run: async ({ challengeId, next }, { clientIp, locale }) => {
      const resent = await resendCustomerCode(challengeId, purpose, clientIp, await deviceId(), locale);
      redirect(verifyPath(purpose, resent.challengeId, purpose === 'SIGN_IN' ? safeNext(next) : undefined));
    },
  });
}

export const resendRegistrationCodeAction = resendAction('REGISTRATION');
export const resendSignInCodeAction = resendAction('SIGN_IN');

export const signOutAction = buttonAction({
  who: { anyone: true },
  bound: 0,
  run: async () => {
    // Ends the session for good (a copy of the cookie no longer works), then drops the cookie.
    const customer = await getCustomerSession();
    if (customer) await endCustomerSessions(customer.customerId);
    await signOutCustomer({ redirect: false });
    redirect('/?signed-out=1');
  },
});
