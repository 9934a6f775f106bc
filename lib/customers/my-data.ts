import 'server-only';
import { audit } from '@/lib/audit';
import { isoInZone } from '@/lib/clock/days';
import { csvLine } from '@/lib/csv';
import { db } from '@/lib/db';
import { centsToDecimalString } from '@/lib/money';
import { requireUtility } from '@/lib/utility';

/** Said instead of a code text's words: codes are never kept, so never exported. */
export const CODE_TEXT_PLACEHOLDER = '[a one-time code; codes are not kept]';

/**
 * Everything we hold about a customer, as they may download it: profile, linked accounts,
 * payments (with refunds) and the texts sent to their number (a code text's words never: only
 * that it was one). Times are ISO 8601 in the utility's zone. Audited.
 */
export async function myData(customerId: string, clientIp: string | null) {
  const utility = await requireUtility();
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: customerId },
    select: {
      name: true,
      phoneE164: true,
      registeredAt: true,
      accounts: {
        orderBy: { linkedAt: 'asc' },
        select: { linkedAt: true, account: { select: { accountNumber: true, serviceAddress: true } } },
      },
      payments: {
        orderBy: { createdAt: 'asc' },
        select: {
          confirmationNumber: true,
          createdAt: true,
          completedAt: true,
          status: true,
          amountCents: true,
          feeCents: true,
          refundedCents: true,
          currency: true,
          account: { select: { accountNumber: true } },
          method: { select: { brand: true, last4: true } },
        },
      },
    },
  });
  const texts = await db().smsMessage.findMany({
    where: { toE164: customer.phoneE164 },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true, kind: true, status: true, body: true, challengeId: true },
  });
  const at = (d: Date | null) => (d ? isoInZone(d, utility.timeZone) : null);
  await audit({ actorType: 'CUSTOMER', actorId: customerId, action: 'customer.exported_data', clientIp });
  return {
    exportedFor: utility.name,
    profile: { name: customer.name, mobileNumber: customer.phoneE164, registeredAt: at(customer.registeredAt) },
    linkedAccounts: customer.accounts.map((a) => ({
      accountNumber: a.account.accountNumber,
      serviceAddress: a.account.serviceAddress,
      linkedAt: at(a.linkedAt),
    })),
    payments: customer.payments.map((p) => ({
      confirmationNumber: p.confirmationNumber,
      startedAt: at(p.createdAt),
      completedAt: at(p.completedAt),
      status: p.status,
      amount: centsToDecimalString(p.amountCents),
      fee: centsToDecimalString(p.feeCents),
      refunded: centsToDecimalString(p.refundedCents),
      currency: p.currency,
      accountNumber: p.account.accountNumber,
      paidFrom: p.method ? `${p.method.brand} ending ${p.method.last4}` : null,
    })),
    texts: texts.map((t) => ({
      sentAt: at(t.createdAt),
      kind: t.kind,
      status: t.status,
      text: t.challengeId ? CODE_TEXT_PLACEHOLDER : t.body,
    })),
  };
}

export type MyData = Awaited<ReturnType<typeof myData>>;

/** The same as one CSV: a `record` column (profile, account, payment, text), then when and what. */
export function myDataCsv(data: MyData): string {
  return [
    csvLine(['record', 'when', 'what', 'amount', 'status', 'reference']),
    csvLine([
      'profile',
      data.profile.registeredAt ?? '',
      `${data.profile.name} ${data.profile.mobileNumber}`,
      '',
      '',
      '',
    ]),
    ...data.linkedAccounts.map((a) =>
      csvLine(['account', a.linkedAt ?? '', a.serviceAddress, '', 'linked', a.accountNumber]),
    ),
    ...data.payments.map((p) =>
      csvLine([
        'payment',
        p.completedAt ?? p.startedAt ?? '',
        `${p.accountNumber}${p.paidFrom ? ` from ${p.paidFrom}` : ''}${p.refunded !== '0.00' ? `, ${p.refunded} refunded` : ''}`,
        p.amount,
        p.status,
        p.confirmationNumber,
      ]),
    ),
    ...data.texts.map((t) => csvLine(['text', t.sentAt ?? '', t.text ?? '', '', t.status, t.kind])),
  ].join('');
}
