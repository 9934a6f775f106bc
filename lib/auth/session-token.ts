import 'server-only';
import { env } from '@/lib/env';
import { authCookies } from './cookies';
import { decodeSession } from './session-jwt';
import type { SessionClaims } from './session-version';

/** A token younger than this is used as it is; an older one is re-issued by next-auth (sliding expiry). */
export const SESSION_REFRESH_AGE_SECONDS = 60;

export type TokenClaims = SessionClaims & { iat?: number } & Record<string, unknown>;

/**
 * A session cookie's claims, checked (its encryption under AUTH_SECRET, its expiry) as next-auth
 * checks them (session-jwt.ts); null for anything else. Decoding alone costs one decryption: no new
 * token is made.
 */
export async function decodeSessionToken(kind: 'customer' | 'staff', token: string): Promise<TokenClaims | null> {
  const salt = authCookies(kind).sessionToken.name;
  return (
    ((await decodeSession({ token, secret: env().AUTH_SECRET, salt }).catch(() => null)) as TokenClaims | null) ?? null
  );
}

/** Whether a token is old enough to be re-issued (or carries no issue time). */
export function needsReissue(claims: TokenClaims, now: Date): boolean {
  const age = now.getTime() / 1000 - (claims.iat ?? 0);
  return !(age >= 0 && age < SESSION_REFRESH_AGE_SECONDS);
}
