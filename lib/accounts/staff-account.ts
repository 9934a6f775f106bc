import 'server-only';
import { audit } from '@/lib/audit';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { maskPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import { isUuid } from '@/lib/validation/ids';
import { textableNumber } from '@/lib/customers/account-codes';
import { normalizeAccountNumber } from './bill-facts';

/** The service account with exactly this number (as staff type it), for the customer search. */
export async function findAccountByNumber(query: string) {
  const accountNumber = normalizeAccountNumber(query.trim());
  if (!/^\d{4,20}$/.test(accountNumber)) return null;
  const utility = await requireUtility();
  return db().serviceAccount.findUnique({
    where: { utilityId_accountNumber: { utilityId: utility.id, accountNumber } },
    select: { id: true, accountNumber: true, holderName: true },
  });
}

/** A service account as staff see it: the bill's facts, the number on file and who holds it online. */
export async function getAccountForStaff(accountId: string) {
  if (!isUuid(accountId)) return null;
  return db().serviceAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      accountNumber: true,
      holderName: true,
      serviceAddress: true,
      postalCode: true,
      phoneOnFileE164: true,
      customers: {
        orderBy: { linkedAt: 'asc' },
        select: { linkedAt: true, customer: { select: { id: true, name: true, phoneE164: true } } },
      },
    },
  });
}

/**
 * Staff set (a mobile number) or clear (blank) the number on file for an account, with a reason.
 * Audited with both numbers masked. Linking the account then needs a code to the new number.
 */
export async function setPhoneOnFile(options: {
  accountId: string;
  phone: string;
  reason: string;
  staffId: string;
  clientIp: string | null;
}): Promise<string | null> {
  const account = isUuid(options.accountId)
    ? await db().serviceAccount.findUnique({ where: { id: options.accountId }, select: { phoneOnFileE164: true } })
    : null;
  if (!account) throw new NotFoundError('That account');
  const phoneE164 = options.phone.trim() ? await textableNumber(options.phone) : null;
  await db().$transaction(async (tx) => {
    await tx.serviceAccount.update({ where: { id: options.accountId }, data: { phoneOnFileE164: phoneE164 } });
    await audit(
      {
        actorType: 'STAFF',
        actorId: options.staffId,
        action: 'staff.set_phone_on_file',
        subjectType: 'account',
        subjectId: options.accountId,
        clientIp: options.clientIp,
        details: {
          reason: options.reason,
          from: account.phoneOnFileE164 ? maskPhone(account.phoneOnFileE164) : null,
          to: phoneE164 ? maskPhone(phoneE164) : null,
        },
      },
      tx,
    );
  });
  return phoneE164;
}
