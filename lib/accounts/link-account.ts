import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { checkLimits, recordLimits, waitText } from '@/lib/limits';
import { requireUtility } from '@/lib/utility';

export const LINK_LIMITS = {
  perCustomer: [{ limit: 10, windowMs: 3600_000 }],
  perIp: [{ limit: 30, windowMs: 3600_000 }],
} as const;

export class LinkAccountError extends AppError {}

const MISMATCH =
  "We couldn't match those details to an account. Check the account number and the postal code or last name exactly as they appear on your bill.";

export function normalizeAccountNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

function normalizeFact(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]/g, '')
    .toLowerCase();
}

/**
 * Links a service account to a customer who proves a second fact from its bill: the service
 * address's postal code or the holder's last name. Every kind of mismatch (no such account, wrong
 * fact) gets the same answer, and attempts are limited per customer and per IP.
 */
export async function linkAccount(options: {
  customerId: string;
  accountNumber: string;
  secondFact: string;
  clientIp: string | null;
}) {
  const utility = await requireUtility();
  const accountNumber = normalizeAccountNumber(options.accountNumber);
  const fact = normalizeFact(options.secondFact);
  const outcome = await db().$transaction(async (tx) => {
    const now = clock.now();
    const limits = [
      { bucket: 'link:customer', key: options.customerId, windows: LINK_LIMITS.perCustomer },
      ...(options.clientIp ? [{ bucket: 'link:ip', key: options.clientIp, windows: LINK_LIMITS.perIp }] : []),
    ];
    const wait = await checkLimits(tx, limits, now);
    if (wait > 0)
      return {
        error: new LinkAccountError(
          'rate_limited',
          `Too many tries. Please wait ${waitText(wait)} and try again, or call us.`,
        ),
      };
    const account = await tx.serviceAccount.findUnique({
      where: { utilityId_accountNumber: { utilityId: utility.id, accountNumber } },
      select: { id: true, accountNumber: true, postalCode: true, holderName: true },
    });
    const lastName = account ? normalizeFact(account.holderName.trim().split(/\s+/).at(-1) ?? '') : '';
    const matches =
      account !== null && fact.length > 0 && (fact === normalizeFact(account.postalCode) || fact === lastName);
    if (!matches) {
      await recordLimits(tx, limits, now);
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: options.customerId,
          action: 'account.link_refused',
          clientIp: options.clientIp,
          at: now,
        },
        tx,
      );
      return { error: new LinkAccountError('no_match', MISMATCH) };
    }
    await tx.customerAccount.upsert({
      where: { customerId_accountId: { customerId: options.customerId, accountId: account.id } },
      update: {},
      create: { customerId: options.customerId, accountId: account.id, linkedAt: now },
    });
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: options.customerId,
        action: 'account.linked',
        subjectType: 'account',
        subjectId: account.id,
        clientIp: options.clientIp,
        at: now,
      },
      tx,
    );
    return { accountId: account.id };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
