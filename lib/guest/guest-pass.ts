import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { audit } from '@/lib/audit';
import { guestPassCookie } from '@/lib/auth/cookies';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { proveBillFacts } from '@/lib/accounts/bill-facts';
import { requireUtility } from '@/lib/utility';

/** How long a one-time payer's browser may go from the bill facts to the receipt. */
export const GUEST_PASS_TTL_MS = 30 * 60_000;

export type GuestPass = {
  tokenHash: string;
  accountId: string;
  customerId: string | null;
  paymentId: string | null;
  expiresAt: Date;
};

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Pay without registering, step one: the bill facts (the same check and limits as linking an
 * account, counted per client address). Returns the pass's token for the browser's cookie; only
 * its hash is stored. Throws BillFactsError when refused.
 */
export async function startGuestPass(options: {
  accountNumber: string;
  secondFact: string;
  clientIp: string | null;
}): Promise<string> {
  const utility = await requireUtility();
  const token = randomBytes(32).toString('base64url');
  const outcome = await transaction(async (tx) => {
    const now = clock.now();
    const proven = await proveBillFacts(tx, {
      utilityId: utility.id,
      accountNumber: options.accountNumber,
      secondFact: options.secondFact,
      caller: `guest:${options.clientIp ?? 'unknown'}`,
      clientIp: options.clientIp,
      actor: { type: 'ANONYMOUS', id: null },
      refusedAction: 'guest.bill_facts_refused',
      now,
    });
    if ('error' in proven) return proven;
    await tx.guestPass.create({
      data: {
        tokenHash: hashToken(token),
        accountId: proven.account.id,
        clientIp: options.clientIp,
        createdAt: now,
        expiresAt: new Date(now.getTime() + GUEST_PASS_TTL_MS),
      },
    });
    await audit(
      {
        actorType: 'ANONYMOUS',
        action: 'guest.bill_facts_proven',
        subjectType: 'account',
        subjectId: proven.account.id,
        clientIp: options.clientIp,
        at: now,
      },
      tx,
    );
    return { ok: true as const };
  });
  if ('error' in outcome) throw outcome.error;
  return token;
}

/** The pass a token names, while it lasts. */
export async function readGuestPass(token: string | undefined): Promise<GuestPass | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const pass = await db().guestPass.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { tokenHash: true, accountId: true, customerId: true, paymentId: true, expiresAt: true },
  });
  return pass && pass.expiresAt > clock.now() ? pass : null;
}

/** This browser's pass (its cookie), cached per request. */
export const getGuestPass = cache(async (): Promise<GuestPass | null> =>
  readGuestPass((await cookies()).get(guestPassCookie().name)?.value),
);

export async function setGuestPassCookie(token: string): Promise<void> {
  const cookie = guestPassCookie();
  (await cookies()).set(cookie.name, token, cookie.options);
}

export async function endGuestPass(): Promise<void> {
  const pass = await getGuestPass();
  if (pass) await db().guestPass.deleteMany({ where: { tokenHash: pass.tokenHash } });
  const cookie = guestPassCookie();
  (await cookies()).delete({ name: cookie.name, path: cookie.options.path });
}

/** Expired passes go (the maintenance job). */
export async function pruneGuestPasses(now = clock.now()): Promise<number> {
  return (await db().guestPass.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
