import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';

/**
 * next-auth's session token, with its key derived once instead of on every request. The format is
 * next-auth's own (a JWE, `dir` with A256CBC-HS512, the key derived from AUTH_SECRET by HKDF-SHA256
 * with the cookie's name as salt, the key's JWK thumbprint as `kid`), so tokens pass either way
 * between these and next-auth's `encode`/`decode` (session-jwt.test.ts); next-auth derives the key
 * and its thumbprint again for every token it reads or writes, a sixth of the server's CPU on a
 * signed-in request in the bench's profile. Wired in as next-auth's `jwt.encode`/`decode`
 * (next-auth-config.ts) and used by the session check (session-token.ts).
 */

const ENC = 'A256CBC-HS512';
/** The content encryptions next-auth's decode accepts, with the key length each needs. */
const KEY_BYTES: Record<string, number> = { 'A256CBC-HS512': 64, A256GCM: 32 };
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

type DerivedKey = { key: Uint8Array; kid: string };

// At most a few entries: the secrets in AUTH_SECRET × the two session cookies × the two encryptions.
const derived = new Map<string, Promise<DerivedKey>>();

function keyFor(secret: string, salt: string, enc: string): Promise<DerivedKey> {
  const length = KEY_BYTES[enc];
  if (!length) return Promise.reject(new Error(`Unsupported JWT content encryption: ${enc}`));
  const id = JSON.stringify([secret, salt, enc]);
  let key = derived.get(id);
  if (!key) {
    key = (async () => {
      const bytes = new Uint8Array(
        hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, length),
      );
      const kid = await calculateJwkThumbprint(
        { kty: 'oct', k: base64url.encode(bytes) },
        length === 64 ? 'sha512' : 'sha256',
      );
      return { key: bytes, kid };
    })();
    derived.set(id, key);
  }
  return key;
}

export async function encodeSession(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, salt, maxAge = DEFAULT_MAX_AGE } = params;
  const { key, kid } = await keyFor(Array.isArray(secret) ? secret[0]! : secret, salt, ENC);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: 'dir', enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

/** The token's claims; throws for a token not made under one of the secrets for this cookie, or expired. */
export async function decodeSession(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const each of secrets) {
        const derivedKey = await keyFor(each, salt, enc);
        if (kid === undefined || kid === derivedKey.kid) return derivedKey.key;
      }
      throw new Error('no matching decryption secret');
    },
    { clockTolerance: 15, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [ENC, 'A256GCM'] },
  );
  return payload;
}
