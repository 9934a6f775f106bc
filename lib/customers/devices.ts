import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '@/lib/db';

/**
 * A browser is known by a random id in an HttpOnly cookie (lib/auth/cookies.ts, deviceCookie). Once a
 * code was entered right there for a phone, that browser is trusted for the phone: its wrong codes
 * count against a budget of its own, so strangers who spend the phone's shared budget do not lock
 * the owner out. Only a hash of the id is stored.
 */
export function newDeviceId(): string {
  return randomBytes(32).toString('base64url');
}

export function deviceHash(deviceId: string): string {
  return createHash('sha256').update(deviceId).digest('hex');
}

/** Records that `deviceId` proved `phoneE164` (in the transaction that consumed the code). */
export async function trustDevice(tx: Tx, phoneE164: string, deviceId: string, now: Date): Promise<void> {
  const hash = deviceHash(deviceId);
  await tx.trustedDevice.upsert({
    where: { phoneE164_deviceHash: { phoneE164, deviceHash: hash } },
    create: { phoneE164, deviceHash: hash, createdAt: now, lastUsedAt: now },
    update: { lastUsedAt: now },
  });
}
