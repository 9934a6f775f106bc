import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkLimits, waitText } from '@/lib/limits';

export const STAFF_SIGN_IN_LIMITS = {
  perAccount: [{ limit: 5, windowMs: 15 * 60_000 }],
  perIp: [{ limit: 20, windowMs: 15 * 60_000 }],
} as const;

export class StaffSignInError extends AppError {}

export type StaffIdentity = { staffId: string; name: string; role: 'STAFF' | 'ADMIN'; sessionVersion: number };

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a staff member's email and password (argon2id). Failures are limited per account (5 in
 * 15 minutes) and per IP (20 in 15 minutes); every attempt is audited. The answer is the same for
 * an unknown email, a wrong password and a disabled account.
 */
export async function verifyStaffPassword(options: {
  email: string;
  password: string;
  clientIp: string | null;
}): Promise<StaffIdentity> {
  const email = options.email.trim().toLowerCase();
  const now = clock.now();
  const limits = [
    { bucket: 'staff:signin:account', key: email, windows: STAFF_SIGN_IN_LIMITS.perAccount },
    ...(options.clientIp
      ? [{ bucket: 'staff:signin:ip', key: options.clientIp, windows: STAFF_SIGN_IN_LIMITS.perIp }]
      : []),
  ];
  // The attempt is counted under the lock, before the (slow) password check: parallel requests
  // each see the ones ahead of them, so no more than the limit are ever checked. A success then
  // takes its own attempt back.
  const attempt = await db().$transaction(async (tx) => {
    const wait = await checkLimits(tx, limits, now);
    if (wait > 0) return { wait, hitIds: [] };
    const hits = await tx.rateLimitHit.createManyAndReturn({
      data: limits.map(({ bucket, key }) => ({ bucket, key, createdAt: now })),
      select: { id: true },
    });
    return { wait: undefined, hitIds: hits.map((h) => h.id) };
  });
  if (attempt.wait !== undefined) {
    await audit({
      actorType: 'ANONYMOUS',
      action: 'staff.sign_in_limited',
      clientIp: options.clientIp,
      details: { email },
      at: now,
    });
    throw new StaffSignInError('rate_limited', `Too many failed sign-ins. Try again in ${waitText(attempt.wait)}.`);
  }

  const user = await db().staffUser.findUnique({ where: { email } });
  decoyHash ??= hashPassword('decoy password for unknown emails');
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), options.password);
  if (!user || !valid || user.disabledAt) {
    await audit({
      actorType: 'ANONYMOUS',
      action: 'staff.sign_in_refused',
      clientIp: options.clientIp,
      details: { email },
      at: now,
    });
    throw new StaffSignInError('invalid', 'That email and password do not match an active staff account.');
  }
  await db().rateLimitHit.deleteMany({ where: { id: { in: attempt.hitIds } } });
  await audit({
    actorType: 'STAFF',
    actorId: user.id,
    action: 'staff.signed_in',
    subjectType: 'staff',
    subjectId: user.id,
    clientIp: options.clientIp,
    at: now,
  });
  return { staffId: user.id, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
