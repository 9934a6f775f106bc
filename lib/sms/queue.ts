import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db';
import type { SmsKind } from '@/generated/prisma/enums';
import { env } from '@/lib/env';
import { sealText } from './seal';
import { finalizeSms } from './templates';
import { allowedWhenOptedOut, isOptedOut, OptedOutError } from './suppression';
import { requireUtility } from '@/lib/utility';

export const SEND_SMS_TASK = 'send_sms';
/** A code is dead after 5 minutes; retrying its text for longer helps nobody. */
const CODE_MESSAGE_MAX_ATTEMPTS = 5;

export type QueueSmsOptions = {
  kind: SmsKind;
  toE164: string;
  text: string;
  /** Code messages are stored sealed (AES-256-GCM) and redacted once handed to the provider. */
  carriesCode: boolean;
  challengeId?: string;
  paymentId?: string;
};

/**
 * Writes the message and its delivery job in the caller's transaction: if the transaction rolls
 * back, nothing is sent; once it commits, the job queue delivers it (retries with exponential
 * backoff, then DEAD). The job key is the message id, so a message has at most one job.
 * A number that replied STOP gets nothing but the replies to STOP and HELP: a code for it is
 * refused (OptedOutError, which rolls the caller's transaction back), any other text is not queued
 * (null). Checked in this same transaction, so a STOP that committed first is always seen.
 */
export async function queueSms(tx: Tx, options: QueueSmsOptions): Promise<string | null> {
  // A closed account's number was cleared (lib/customers/close-account.ts): nobody to text.
  if (!options.toE164.startsWith('+')) return null;
  if (!allowedWhenOptedOut(options.kind) && (await isOptedOut(tx, options.toE164))) {
    if (options.carriesCode) throw new OptedOutError(await requireUtility());
    return null;
  }
  const id = randomUUID();
  const text = finalizeSms(options.text);
  await tx.smsMessage.create({
    data: {
      id,
      kind: options.kind,
      toE164: options.toE164,
      body: options.carriesCode ? null : text,
      sealedBody: options.carriesCode ? sealText(text, id) : null,
      challengeId: options.challengeId,
      paymentId: options.paymentId,
    },
  });
  await enqueueDelivery(tx, id, options.carriesCode ? CODE_MESSAGE_MAX_ATTEMPTS : env().SMS_MAX_ATTEMPTS);
  return id;
}

/**
 * A code's text as the OTP send step writes it (lib/otp/steps.ts): the message id, its sealed body
 * and its delivery job's settings. Refused here and by the step alike: nothing is written unless
 * the whole step is.
 */
export function sealedCodeMessage(kind: SmsKind, text: string) {
  const id = randomUUID();
  return {
    id,
    kind,
    sealedBody: sealText(finalizeSms(text), id),
    task: SEND_SMS_TASK,
    maxAttempts: CODE_MESSAGE_MAX_ATTEMPTS,
  };
}

/**
 * A text without a code as a step's PL/pgSQL function writes it (lib/payments/charge-payment.ts): the
 * message id, its final body and its delivery job's settings. The function checks the number can get
 * it (not closed, not STOP) as queueSms does.
 */
export function plainMessage(kind: SmsKind, text: string) {
  return { id: randomUUID(), kind, body: finalizeSms(text), task: SEND_SMS_TASK, maxAttempts: env().SMS_MAX_ATTEMPTS };
}

export async function enqueueDelivery(tx: Tx, messageId: string, maxAttempts: number): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${SEND_SMS_TASK}::text, json_build_object('messageId', ${messageId}::text), job_key := ${messageId}::text, max_attempts := ${maxAttempts}::int)`;
}
