import 'server-only';
import { audit } from '@/lib/audit';
import type { AuditAction } from '@/lib/audit/actions';
import type { ActorType } from '@/generated/prisma/enums';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { checkLimits, recordLimits, waitMessage } from '@/lib/limits';
import type { Message } from '@/lib/i18n/translate';

/**
 * Wrong bill facts allowed an hour: per caller (a customer, or a guest's address), per client
 * address, and per account number whoever asks (so many addresses cannot share out the guesses at
 * one account's postal code or last name).
 */
export const BILL_FACT_LIMITS = {
  perCaller: [{ limit: 10, windowMs: 3600_000 }],
  perIp: [{ limit: 30, windowMs: 3600_000 }],
  perAccount: [{ limit: 10, windowMs: 3600_000 }],
} as const;

export class BillFactsError extends AppError {}

export const BILL_FACTS_MISMATCH: Message = { key: 'billFacts.mismatch' };

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

export type ProvenAccount = {
  id: string;
  accountNumber: string;
  holderName: string;
  serviceAddress: string;
  phoneOnFileE164: string | null;
};

/**
 * The one check of "I hold this account": its number and a second fact from its bill (the service
 * address's postal code or the holder's last name). Every kind of mismatch (no such account, wrong
 * fact) gets the same answer; wrong tries count against the caller, the client address and the
 * account number, and are audited. Returns the refusal rather than throwing it, so the counts the
 * caller's transaction wrote commit.
 */
export async function proveBillFacts(
  tx: Tx,
  options: {
    utilityId: string;
    accountNumber: string;
    secondFact: string;
    /** Who is asking, as a limiter key: `customer:<id>`, `guest:<address>`. */
    caller: string;
    clientIp: string | null;
    actor: { type: ActorType; id: string | null };
    refusedAction: AuditAction;
    now: Date;
  },
): Promise<{ account: ProvenAccount; countMiss: () => Promise<void> } | { error: BillFactsError }> {
  const accountNumber = normalizeAccountNumber(options.accountNumber);
  const fact = normalizeFact(options.secondFact);
  const limits = [
    { bucket: 'facts:caller', key: options.caller, windows: BILL_FACT_LIMITS.perCaller },
    { bucket: 'facts:account', key: `${options.utilityId}:${accountNumber}`, windows: BILL_FACT_LIMITS.perAccount },
    ...(options.clientIp ? [{ bucket: 'facts:ip', key: options.clientIp, windows: BILL_FACT_LIMITS.perIp }] : []),
  ];
  const wait = await checkLimits(tx, limits, options.now);
  if (wait > 0)
    return {
      error: new BillFactsError('rate_limited', { key: 'billFacts.tooManyTries', values: { wait: waitMessage(wait) } }),
    };
  const account = await tx.serviceAccount.findUnique({
    where: { utilityId_accountNumber: { utilityId: options.utilityId, accountNumber } },
    select: {
      id: true,
      accountNumber: true,
      postalCode: true,
      holderName: true,
      serviceAddress: true,
      phoneOnFileE164: true,
    },
  });
  const lastName = account ? normalizeFact(account.holderName.trim().split(/\s+/).at(-1) ?? '') : '';
  const matches =
    account !== null && fact.length > 0 && (fact === normalizeFact(account.postalCode) || fact === lastName);
  if (!matches) {
    await recordLimits(tx, limits, options.now);
    await audit(
      {
        actorType: options.actor.type,
        actorId: options.actor.id,
        action: options.refusedAction,
        clientIp: options.clientIp,
        at: options.now,
      },
      tx,
    );
    return { error: new BillFactsError('no_match', BILL_FACTS_MISMATCH) };
  }
  const { postalCode: _postalCode, ...proven } = account;
  // The caller's own further check failed (a lost phone's old number does not hold the account): a wrong try too.
  return { account: proven, countMiss: () => recordLimits(tx, limits, options.now) };
}

/** The town of a service address ("120 Oak St, Springfield" -> "Springfield"): all a guest is shown of it. */
export function serviceTown(serviceAddress: string): string {
  return serviceAddress.split(',').at(-1)?.trim() ?? '';
}
