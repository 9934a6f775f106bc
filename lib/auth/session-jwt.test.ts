import { describe, expect, it } from 'vitest';
import { decode, encode } from 'next-auth/jwt';
import { authCookies } from './cookies';
import { decodeSession, encodeSession } from './session-jwt';

const secret = 'a-test-secret-of-enough-length-0123456789';
const salt = authCookies('customer').sessionToken.name;
const claims = { customerId: 'c1', sessionVersion: 3, signedInAt: 1_700_000_000_000 };

describe('the session token with its key derived once', () => {
  it("reads next-auth's own tokens, and next-auth reads its tokens", async () => {
    const theirs = await encode({ token: claims, secret, salt, maxAge: 60 });
    expect(await decodeSession({ token: theirs, secret, salt })).toMatchObject(claims);
    const ours = await encodeSession({ token: claims, secret, salt, maxAge: 60 });
    expect(await decode({ token: ours, secret, salt })).toMatchObject(claims);
    // Same header as next-auth writes: alg, enc and the key's thumbprint.
    const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header(ours)).toEqual(header(theirs));
  });

  it('sets the issue time, the expiry and a fresh id on each token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const first = await decodeSession({
      token: await encodeSession({ token: claims, secret, salt, maxAge: 90 }),
      secret,
      salt,
    });
    const second = await decodeSession({ token: await encodeSession({ token: claims, secret, salt }), secret, salt });
    expect(first!.iat).toBeGreaterThanOrEqual(before);
    expect(first!.exp! - first!.iat!).toBe(90);
    expect(second!.exp! - second!.iat!).toBe(30 * 24 * 60 * 60);
    expect(first!.jti).not.toBe(second!.jti);
  });

  it("refuses another cookie's token, another secret's, a tampered one and an expired one", async () => {
    const token = await encodeSession({ token: claims, secret, salt, maxAge: 60 });
    const staffSalt = authCookies('staff').sessionToken.name;
    await expect(decodeSession({ token, secret, salt: staffSalt })).rejects.toThrow();
    await expect(decodeSession({ token, secret: `${secret}-other`, salt })).rejects.toThrow();
    const parts = token.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(decodeSession({ token: parts.join('.'), secret, salt })).rejects.toThrow();
    // Expired beyond next-auth's 15 s of clock tolerance.
    const expired = await encodeSession({ token: claims, secret, salt, maxAge: -20 });
    await expect(decodeSession({ token: expired, secret, salt })).rejects.toThrow();
    expect(await decodeSession({ token: '', secret, salt })).toBeNull();
  });

  it('reads a token made under any of the secrets while they rotate, and writes with the first', async () => {
    const old = await encodeSession({ token: claims, secret: 'the-old-secret-of-enough-length-98765', salt });
    const rotated = ['the-new-secret-of-enough-length-12345', 'the-old-secret-of-enough-length-98765'];
    expect(await decodeSession({ token: old, secret: rotated, salt })).toMatchObject(claims);
    const fresh = await encodeSession({ token: claims, secret: rotated, salt });
    expect(await decode({ token: fresh, secret: rotated[0]!, salt })).toMatchObject(claims);
  });
});
