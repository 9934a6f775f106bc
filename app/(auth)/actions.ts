'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { deviceCookie, registrationNameCookie } from '@/lib/auth/cookies';
import { newDeviceId } from '@/lib/customers/devices';
import { env } from '@/lib/env';
import { sameOriginPath } from '@/lib/request/same-origin-path';
import { CodeRefused, CUSTOMER_PROVIDER, getCustomerSession, signInCustomer, signOutCustomer } from '@/lib/auth/customer-auth';
import { endCustomerSessions } from '@/lib/auth/session-version';
import { resendCustomerCode } from '@/lib/customers/resend-customer-code';
import { sendCustomerCode, type CustomerCodePurpose } from '@/lib/customers/send-customer-code';
import { OtpError } from '@/lib/otp/errors';
import { otpErrorState } from '@/lib/otp/form-state';
import { parseMobileNumber } from '@/lib/phone';
import { clientIp } from '@/lib/request/client-ip';
import type { FormState } from '@/lib/validation/form-state';
import { fieldErrorsOf, RegisterSchema, SignInSchema, VerifyCodeSchema } from '@/lib/validation/schemas';
import { assertForm } from '@/lib/validation/action-args';


function safeNext(value: FormDataEntryValue | null): string {
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

/** Normalises the typed number and sends the code; answers with form errors instead when it cannot. */
async function sendCodeTo(purpose: CustomerCodePurpose, phoneText: string, values: Record<string, string>): Promise<{ challengeId: string } | FormState> {
  const phone = parseMobileNumber(phoneText, env().DEFAULT_COUNTRY, { extraTypes: env().SMS_EXTRA_NUMBER_TYPES });
  if (!phone.ok) return { status: 'error', fieldErrors: { phone: [phone.message] }, values };
  try {
    return await sendCustomerCode({ purpose, phoneE164: phone.e164, clientIp: await clientIp(), deviceId: await deviceId() });
  } catch (error) {
    if (error instanceof OtpError) return { status: 'error', message: error.userMessage, values };
    throw error;
  }
}

export async function startRegistrationAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const values = { name: String(formData.get('name') ?? ''), phone: String(formData.get('phone') ?? '') };
  const parsed = RegisterSchema.safeParse(values);
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values };
  const sent = await sendCodeTo('REGISTRATION', parsed.data.phone, values);
  if (!('challengeId' in sent)) return sent;
  // The name waits in a short-lived cookie until the phone is proven.
  const cookie = registrationNameCookie();
  (await cookies()).set(cookie.name, parsed.data.name, cookie.options);
  redirect(verifyPath('REGISTRATION', sent.challengeId));
}

export async function startSignInAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const values = { phone: String(formData.get('phone') ?? '') };
  const parsed = SignInSchema.safeParse(values);
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values };
  const sent = await sendCodeTo('SIGN_IN', parsed.data.phone, values);
  if (!('challengeId' in sent)) return sent;
  redirect(verifyPath('SIGN_IN', sent.challengeId, safeNext(formData.get('next'))));
}

async function verifyCode(purpose: CustomerCodePurpose, formData: FormData): Promise<FormState> {
  const parsed = VerifyCodeSchema.safeParse({ challengeId: formData.get('challengeId'), code: String(formData.get('code') ?? '') });
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return errors.challengeId ? { status: 'error', message: errors.challengeId[0], closed: true } : { status: 'error', fieldErrors: errors };
  }
  const name = purpose === 'REGISTRATION' ? (await cookies()).get(registrationNameCookie().name)?.value : undefined;
  try {
    await signInCustomer(CUSTOMER_PROVIDER, { purpose, challengeId: parsed.data.challengeId, code: parsed.data.code, device: await deviceId({ create: true }), ...(name ? { name } : {}), redirect: false });
  } catch (error) {
    if (error instanceof CodeRefused) return otpErrorState(error.otp);
    throw error;
  }
  return { status: 'success', message: 'Signed in.' };
}

export async function verifyRegistrationAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const result = await verifyCode('REGISTRATION', formData);
  if (result.status !== 'success') return result;
  (await cookies()).delete({ name: registrationNameCookie().name, path: '/register' });
  redirect('/accounts/link?welcome=1');
}

export async function verifySignInAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  const result = await verifyCode('SIGN_IN', formData);
  if (result.status !== 'success') return result;
  redirect(safeNext(formData.get('next')));
}

async function resend(purpose: CustomerCodePurpose, formData: FormData): Promise<FormState> {
  let challengeId: string;
  try {
    ({ challengeId } = await resendCustomerCode(String(formData.get('challengeId') ?? ''), purpose, await clientIp(), await deviceId()));
  } catch (error) {
    if (error instanceof OtpError) return { status: 'error', message: error.userMessage, retryAfterSeconds: error.details.retryAfterSeconds };
    throw error;
  }
  redirect(verifyPath(purpose, challengeId, purpose === 'SIGN_IN' ? safeNext(formData.get('next')) : undefined));
}

export async function resendRegistrationCodeAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  return resend('REGISTRATION', formData);
}

export async function resendSignInCodeAction(_state: FormState, formData: FormData): Promise<FormState> {
  assertForm(formData);
  return resend('SIGN_IN', formData);
}

export async function signOutAction(): Promise<void> {
  // Ends the session for good (a copy of the cookie no longer works), then drops the cookie.
  const customer = await getCustomerSession();
  if (customer) await endCustomerSessions(customer.customerId);
  await signOutCustomer({ redirect: false });
  redirect('/?signed-out=1');
}
