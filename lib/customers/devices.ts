import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

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
