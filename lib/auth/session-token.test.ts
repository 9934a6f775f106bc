import { describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { env } from '@/lib/env';
import { authCookies } from './cookies';
import { decodeSessionToken, needsReissue, SESSION_REFRESH_AGE_SECONDS } from './session-token';

const salt = authCookies('customer').sessionToken.name;

async function token(
  claims: Record<string, unknown>,
  options: { secret?: string; maxAge?: number; salt?: string } = {},
) {
  return encode({
    token: claims,
    secret: options.secret ?? env().AUTH_SECRET,
    salt: options.salt ?? salt,
    maxAge: options.maxAge ?? 15 * 60,
  });
}

describe('a session token, read on each request', () => {
  it('decodes to its claims when it is ours and unexpired', async () => {
    const claims = await decodeSessionToken('customer', await token({ customerId: 'c1', sessionVersion: 2 }));
    expect(claims).toMatchObject({ customerId: 'c1', sessionVersion: 2 });
    expect(typeof claims?.iat).toBe('number');
  });

  it('is nothing when forged, expired, the staff cookie’s, or not a token', async () => {
    for (const bad of [
      await token({ customerId: 'c1' }, { secret: 'another-secret-of-at-least-32-characters!!' }),
      await token({ customerId: 'c1' }, { maxAge: -60 }),
      await token({ customerId: 'c1' }, { salt: authCookies('staff').sessionToken.name }),
      'not-a-token',
      '',
    ])
      expect(await decodeSessionToken('customer', bad)).toBeNull();
  });

  it('is re-issued only once older than the refresh age', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const at = (secondsAgo: number) => ({ iat: now.getTime() / 1000 - secondsAgo });
    expect(needsReissue(at(0), now)).toBe(false);
    expect(needsReissue(at(SESSION_REFRESH_AGE_SECONDS - 1), now)).toBe(false);
    expect(needsReissue(at(SESSION_REFRESH_AGE_SECONDS), now)).toBe(true);
    // No issue time, or one in the future: go through next-auth.
    expect(needsReissue({}, now)).toBe(true);
    expect(needsReissue(at(-30), now)).toBe(true);
  });
});
