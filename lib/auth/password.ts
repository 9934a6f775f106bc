import { hash, verify } from '@node-rs/argon2';

// argon2id is the library default (algorithm 2). OWASP's baseline: 19 MiB, 2 iterations, 1 lane (~10-16 ms here).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
