import 'server-only';
import type { Tx } from '@/lib/db';

/** At most `limit` hits in any rolling `windowMs`. */
export type RateWindow = { readonly limit: number; readonly windowMs: number };

/**
 * Rolling-window limits kept in PostgreSQL (one RateLimitHit row per counted event), so every app
 * instance shares them. Callers take `lockRateKeys` first in the same transaction: checks and hits
 * for one key then happen one transaction at a time, whatever the number of instances.
 */
export async function lockRateKeys(tx: Tx, keys: string[]): Promise<void> {
  // Sorted, so two transactions locking the same keys cannot deadlock.
  for (const key of [...new Set(keys)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
}

/** Milliseconds until one more hit is allowed under every window; 0 when it is allowed now. */
export async function waitFor(tx: Tx, bucket: string, key: string, windows: readonly RateWindow[], now: Date): Promise<number> {
  let wait = 0;
  for (const { limit, windowMs } of windows) {
    // The limit-th most recent hit: while it is inside the window, the window is full.
    const blocking = await tx.rateLimitHit.findFirst({
      where: { bucket, key, createdAt: { gt: new Date(now.getTime() - windowMs) } },
      orderBy: { createdAt: 'desc' },
      skip: limit - 1,
      select: { createdAt: true },
    });
    if (blocking) wait = Math.max(wait, blocking.createdAt.getTime() + windowMs - now.getTime());
  }
  return wait;
}

export async function countHits(tx: Tx, bucket: string, key: string, windowMs: number, now: Date): Promise<number> {
  return tx.rateLimitHit.count({ where: { bucket, key, createdAt: { gt: new Date(now.getTime() - windowMs) } } });
}

export async function recordHit(tx: Tx, bucket: string, key: string, now: Date): Promise<void> {
  await tx.rateLimitHit.create({ data: { bucket, key, createdAt: now } });
}

/** Hits older than every window are dead weight: the worker prunes them hourly. */
export async function pruneRateLimitHits(tx: Tx, olderThan: Date): Promise<number> {
  const { count } = await tx.rateLimitHit.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
