import 'server-only';
import { db } from '@/lib/db';

/**
 * Sessions end three ways: idle too long (next-auth's sliding maxAge), too old however active
 * (below), or ended for good by bumping the holder's `sessionVersion` (sign-out, a staff user
 * disabled): every token carries the version and the time it was issued at sign-in, and every
 * request checks both against the database.
 */
export const SESSION_MAX_AGE_MS = {
  customer: 12 * 3600_000,
  staff: 12 * 3600_000,
} as const;

export type SessionClaims = { sessionVersion?: unknown; signedInAt?: unknown };

/** Whether a token's claims still hold: its version is the holder's current one and it is young enough. */
export function sessionIsCurrent(claims: SessionClaims, currentVersion: number, now: Date, maxAgeMs: number): boolean {
  if (claims.sessionVersion !== currentVersion) return false;
  if (typeof claims.signedInAt !== 'number') return false;
  return now.getTime() - claims.signedInAt < maxAgeMs;
}

/** Ends every session of the customer (sign-out). */
export async function endCustomerSessions(customerId: string): Promise<void> {
  await db().customer.updateMany({ where: { id: customerId }, data: { sessionVersion: { increment: 1 } } });
}

/** Ends every session of the staff user (sign-out, disabled). */
export async function endStaffSessions(staffId: string): Promise<void> {
  await db().staffUser.updateMany({ where: { id: staffId }, data: { sessionVersion: { increment: 1 } } });
}
