import 'server-only';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { payerBudget } from '@/lib/otp/policy';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { removeAllMethods } from '@/lib/payments/methods';
import { IN_FLIGHT_STATUSES } from '@/lib/payments/states';
import { formatPhone } from '@/lib/phone';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { requireUtility } from '@/lib/utility';
import { isUuid } from '@/lib/validation/ids';
import { sendAccountCode } from './account-codes';

/** A fresh code to the customer's number, to close their account. */
export async function sendCloseAccountCode(customerId: string, clientIp: string | null): Promise<string> {
  const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId }, select: { phoneE164: true } });
  // In the customer's language: sendAccountCode finds it from the number.
  const sent = await sendAccountCode({
    purpose: 'ACCOUNT_DELETE',
    phoneE164: customer.phoneE164,
    clientIp,
    failureBudget: (phone) => payerBudget(phone),
    text: (code, utility, host, sms) => sms.closeAccountCode({ utility, code, host }),
  });
  return sent.challengeId;
}

/**
 * Closes a customer's online account with a code just texted to their number: saved methods
 * removed (and detached at the processor by a job), linked accounts and trusted browsers dropped,
 * name cleared, the number freed (it may register again), every session ended. Payments and the
 * audit log stay (the close page says so: close.kept). Refused while a payment is still being processed.
 */
export async function closeAccount(options: {
  customerId: string;
  challengeId: string;
  code: string;
  clientIp: string | null;
}): Promise<void> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: options.customerId },
    select: { phoneE164: true, language: true },
  });
  const challenge = isUuid(options.challengeId)
    ? await db().otpChallenge.findUnique({ where: { id: options.challengeId }, select: { phoneE164: true } })
    : null;
  if (!challenge || challenge.phoneE164 !== customer.phoneE164) throw OtpError.unavailable();
  const utility = await requireUtility();
  await verifyChallenge({
    challengeId: options.challengeId,
    purpose: 'ACCOUNT_DELETE',
    code: options.code,
    clientIp: options.clientIp,
    failureBudget: (phone) => payerBudget(phone),
    onVerified: async (tx) => {
      const now = clock.now();
      await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${options.customerId}::uuid FOR UPDATE`;
      const inFlight = await tx.payment.count({
        where: { customerId: options.customerId, status: { in: [...IN_FLIGHT_STATUSES] } },
      });
      if (inFlight > 0) throw new AppError('payment_in_flight', { key: 'close.inFlight' });
      const methods = await removeAllMethods(tx, options.customerId);
      await tx.customerAccount.deleteMany({ where: { customerId: options.customerId } });
      await tx.trustedDevice.deleteMany({ where: { phoneE164: customer.phoneE164 } });
      await tx.phoneChange.updateMany({
        where: { customerId: options.customerId, status: { in: ['AWAITING_CODES', 'PENDING_APPROVAL'] } },
        data: { status: 'ABANDONED' },
      });
      await tx.customer.update({
        where: { id: options.customerId },
        data: {
          name: '',
          phoneE164: `closed:${options.customerId}`,
          deletedAt: now,
          sessionVersion: { increment: 1 },
        },
      });
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: options.customerId,
          action: 'customer.deleted',
          subjectType: 'customer',
          subjectId: options.customerId,
          clientIp: options.clientIp,
          details: { savedMethodsRemoved: methods },
          at: now,
        },
        tx,
      );
      await queueSms(tx, {
        kind: 'ACCOUNT_NOTICE',
        toE164: customer.phoneE164,
        carriesCode: false,
        text: smsTemplatesFor(customer.language).accountClosed({
          utility,
          supportPhone: formatPhone(utility.supportPhone),
        }),
      });
    },
  });
}
