import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { countHits } from '@/lib/limits';
import { clock } from '@/lib/clock';
import { BUCKETS, OTP_POLICY } from '@/lib/otp/policy';
import { parseMobileNumber } from '@/lib/phone';
import { textingStatusOf } from '@/lib/sms/opt-out';
import { isUuid } from '@/lib/validation/ids';
import { NotFoundError } from '@/lib/errors';
import { unlockPhone } from '@/lib/otp/unlock-phone';

export type CustomerSearchRow = { id: string; name: string; phoneE164: string; accounts: number; createdAt: Date };

/** How staff read a customer row whose name is not there: a one-time payer, or a closed account. */
export function customerDisplayName(c: { name: string; registeredAt: Date | null; deletedAt: Date | null }): string {
  if (c.deletedAt) return 'Closed account';
  if (!c.registeredAt) return 'One-time payer (not registered)';
  return c.name;
}

/**
 * Staff's customer search: a phone number (any way it is typed), an account number (exact), or a
 * part of a name (case-blind). At most 50 rows, newest customers first.
 */
export async function searchCustomers(query: string): Promise<CustomerSearchRow[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const phone = /\d/.test(q) ? parseMobileNumber(q, env().DEFAULT_COUNTRY, { anyType: true }) : null;
  const rows = await db().customer.findMany({
    where: {
      OR: [
        ...(phone?.ok ? [{ phoneE164: phone.e164 }] : []),
        { accounts: { some: { account: { accountNumber: q } } } },
        // Prisma passes `contains` into LIKE as it is: a typed % or _ is a character here, not a wildcard.
        { name: { contains: q.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' as const } },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: {
      id: true,
      name: true,
      phoneE164: true,
      createdAt: true,
      registeredAt: true,
      deletedAt: true,
      _count: { select: { accounts: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: customerDisplayName(r),
    phoneE164: r.phoneE164,
    accounts: r._count.accounts,
    createdAt: r.createdAt,
  }));
}

/**
 * One customer as staff see them: accounts, payments, texts (kind and delivery status, never a
 * text's words: code texts are not kept, and staff do not need the others here), code events,
 * the phone's wrong-code budgets and whether they lock it, and texting consent. Null when unknown.
 */
export async function getCustomerForStaff(customerId: string) {
  if (!isUuid(customerId)) return null;
  const customer = await db().customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      phoneE164: true,
      createdAt: true,
      registeredAt: true,
      deletedAt: true,
      language: true,
      accounts: {
        orderBy: { linkedAt: 'asc' },
        select: {
          linkedAt: true,
          account: { select: { id: true, accountNumber: true, holderName: true, serviceAddress: true } },
        },
      },
      payments: {
        orderBy: { createdAt: 'desc' },
        take: 50,
        select: {
          id: true,
          confirmationNumber: true,
          status: true,
          amountCents: true,
          currency: true,
          createdAt: true,
        },
      },
    },
  });
  if (!customer) return null;
  const now = clock.now();
  const window = OTP_POLICY.failureBudget.windowMs;
  const [texts, codeEvents, [strangers, payments], texting] = await Promise.all([
    db().smsMessage.findMany({
      where: { toE164: customer.phoneE164 },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true, kind: true, status: true, createdAt: true, lastError: true },
    }),
    db().otpEvent.findMany({
      where: { challenge: { phoneE164: customer.phoneE164 } },
      orderBy: { id: 'desc' },
      take: 50,
      select: { type: true, purpose: true, clientIp: true, createdAt: true },
    }),
    db().$transaction((tx) =>
      Promise.all([
        countHits(tx, BUCKETS.failPhone, customer.phoneE164, window, now),
        countHits(tx, BUCKETS.failPayment, customer.phoneE164, window, now),
      ]),
    ),
    textingStatusOf(customer.phoneE164),
  ]);
  const limit = OTP_POLICY.failureBudget.limit;
  return {
    ...customer,
    texts,
    codeEvents,
    budgets: {
      limit,
      strangers,
      payments,
      locked: strangers >= limit || payments >= limit,
    },
    texting,
  };
}

/** Staff: unlock a customer's phone (lib/otp/unlock-phone.ts), found by the customer's id (else NotFoundError). */
export async function unlockCustomerPhone(options: {
  customerId: string;
  staffId: string;
  clientIp: string | null;
  reason: string;
}): Promise<number> {
  const customer = isUuid(options.customerId)
    ? await db().customer.findUnique({ where: { id: options.customerId }, select: { phoneE164: true } })
    : null;
  if (!customer) throw new NotFoundError('That customer');
  return unlockPhone({
    phoneE164: customer.phoneE164,
    staffId: options.staffId,
    clientIp: options.clientIp,
    reason: options.reason,
  });
}
