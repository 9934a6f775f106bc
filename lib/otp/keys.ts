import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

type KeyRing = { currentId: string; secrets: Map<string, string> };

let ring: KeyRing | undefined;
let ringSource: string | undefined;

/** OTP_HMAC_KEYS="k2:secret,k1:old-secret": new challenges use the first, any listed key verifies. */
function keyRing(): KeyRing {
  const source = env().OTP_HMAC_KEYS;
  if (!ring || ringSource !== source) {
    const pairs = source.split(',').map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const;
    });
    ring = { currentId: pairs[0]![0], secrets: new Map(pairs) };
    ringSource = source;
  }
  return ring;
}

export function currentKeyId(): string {
  return keyRing().currentId;
}

/** HMAC-SHA256 over the binding and the code, under the key the challenge names. */
export function hashCode(keyId: string, binding: string, code: string): string {
  const secret = keyRing().secrets.get(keyId);
  if (!secret)
    throw new Error(
      `OTP key "${keyId}" is not in OTP_HMAC_KEYS; keep retired keys listed until their challenges expire`,
    );
  return createHmac('sha256', secret).update(binding).update('\u0000').update(code).digest('hex');
}

export function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
