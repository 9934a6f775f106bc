'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireCustomer } from '@/lib/auth/require-customer';
import { BusyError } from '@/lib/db/transaction';
import { NotFoundError } from '@/lib/errors';
import { parseAmountToCents } from '@/lib/money';
import { OtpError } from '@/lib/otp/errors';
import { otpErrorState } from '@/lib/otp/form-state';
import { cancelPayment } from '@/lib/payments/cancel-payment';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { PaymentError } from '@/lib/payments/errors';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { startPayment } from '@/lib/payments/start-payment';
import { clientIp } from '@/lib/request/client-ip';
import type { FormState } from '@/lib/validation/form-state';
import { CodeSchema, fieldErrorsOf, PayAmountSchema } from '@/lib/validation/schemas';
import { notFound } from 'next/navigation';
import { assertForm, assertIdArg } from '@/lib/validation/action-args';

const PAGE_FOR_STATUS: Record<string, string> = { CREATED: 'review', AWAITING_OTP: 'authorize' };

function paymentPath(paymentId: string, status: string) {
  const page = PAGE_FOR_STATUS[status];
  return page ? `/payments/${paymentId}/${page}` : `/payments/${paymentId}`;
}

/** Every payment action answers another customer's (or a made-up) id with a 404. */
function rethrowNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

export async function startPaymentAction(billId: string, _state: FormState, formData: FormData): Promise<FormState> {
  assertIdArg(billId);
  assertForm(formData);
  const { customerId } = await requireCustomer(`/bills/${billId}/pay`);
  const values = { amount: String(formData.get('amount') ?? '') };
  const parsed = PayAmountSchema.safeParse({ amount: values.amount, idempotencyKey: formData.get('idempotencyKey') });
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return { status: 'error', fieldErrors: errors, message: errors.idempotencyKey?.[0], values };
  }
  const amountCents = parseAmountToCents(parsed.data.amount);
  if (amountCents === null) return { status: 'error', fieldErrors: { amount: ['Enter an amount in dollars and cents, like 42.50.'] }, values };
  let started: { paymentId: string; status: string };
  try {
    started = await startPayment({ customerId, billId, amountCents, idempotencyKey: parsed.data.idempotencyKey, clientIp: await clientIp() });
  } catch (error) {
    if (error instanceof PaymentError) return { status: 'error', fieldErrors: { amount: [error.userMessage] }, values };
    if (error instanceof BusyError) return { status: 'error', message: error.userMessage, values };
    rethrowNotFound(error);
  }
  redirect(paymentPath(started.paymentId, started.status));
}

export async function sendPaymentCodeAction(paymentId: string, _state: FormState): Promise<FormState> {
  assertIdArg(paymentId);
  const { customerId } = await requireCustomer(`/payments/${paymentId}/review`);
  try {
    await sendPaymentCode({ customerId, paymentId, clientIp: await clientIp() });
  } catch (error) {
    if (error instanceof OtpError) return { status: 'error', message: error.userMessage, retryAfterSeconds: error.details.retryAfterSeconds };
    if (error instanceof PaymentError || error instanceof BusyError) return { status: 'error', message: error.userMessage };
    rethrowNotFound(error);
  }
  redirect(`/payments/${paymentId}/authorize`);
}

export async function confirmPaymentAction(paymentId: string, _state: FormState, formData: FormData): Promise<FormState> {
  assertIdArg(paymentId);
  assertForm(formData);
  const { customerId } = await requireCustomer(`/payments/${paymentId}/authorize`);
  const code = CodeSchema.safeParse(String(formData.get('code') ?? ''));
  if (!code.success) return { status: 'error', fieldErrors: { code: code.error.issues.map((i) => i.message) } };
  try {
    await confirmPayment({ customerId, paymentId, code: code.data, clientIp: await clientIp() });
  } catch (error) {
    if (error instanceof OtpError) return otpErrorState(error);
    if (error instanceof BusyError) return { status: 'error', message: error.userMessage };
    rethrowNotFound(error);
  }
  revalidatePath('/bills');
  // Completed or declined, the receipt page says which and what to do next.
  redirect(`/payments/${paymentId}`);
}

export async function resendPaymentCodeAction(paymentId: string, state: FormState): Promise<FormState> {
  assertIdArg(paymentId);
  return sendPaymentCodeAction(paymentId, state);
}

export async function cancelPaymentAction(paymentId: string): Promise<void> {
  assertIdArg(paymentId);
  const { customerId } = await requireCustomer(`/payments/${paymentId}`);
  try {
    await cancelPayment({ customerId, paymentId, clientIp: await clientIp() });
  } catch (error) {
    rethrowNotFound(error);
  }
  redirect('/bills');
}
