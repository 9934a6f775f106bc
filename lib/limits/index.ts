import 'server-only';
import type { Tx } from '@/lib/db';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translate, type Message } from '@/lib/i18n/translate';

/** At most `limit` hits in any rolling `windowMs`. */
export type RateWindow = { readonly limit: number; readonly windowMs: number };

/** One limit to check: the hits of `key` in `bucket`, under every window. */
export type RateCheck = { bucket: string; key: string; windows: readonly RateWindow[] };

/**
 * How long to wait, as a person reads it: "45 seconds", "3 minutes", "2 hours" (never "1 minutes").
 * The one wait text of every limit's message.
 */
export function waitText(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  return translate(waitMessage(ms), locale);
}

/** A wait as a message: seconds under 90 seconds, minutes under 90 minutes, then hours. */
export function waitMessage(ms: number): Message {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return { key: 'wait.seconds', values: { count: seconds } };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return { key: 'wait.minutes', values: { count: minutes } };
  return { key: 'wait.hours', values: { count: Math.ceil(minutes / 60) } };
}

/**
 * The one call for a limit: locks each limit's key for the rest of the transaction (so checks and
 * hits of one key happen one transaction at a time, on every app instance), then answers how many
 * milliseconds until all of them allow one more hit (0: allowed now). Record the hit with
 * `recordLimits` in the same transaction when the attempt counts.
 */
export async function checkLimits(tx: Tx, limits: readonly RateCheck[], now: Date): Promise<number> {
  await lockRateKeys(
    tx,
    limits.map((l) => `${l.bucket}:${l.key}`),
  );
  return Math.max(0, ...(await waitsFor(tx, limits, now)));
}

/** Counts one hit against each limit (under the lock checkLimits took). */
export async function recordLimits(tx: Tx, limits: readonly RateCheck[], now: Date): Promise<void> {
  await recordHits(
    tx,
    limits.map(({ bucket, key }) => ({ bucket, key })),
    now,
  );
}

/**
 * Rolling-window limits kept in PostgreSQL (one RateLimitHit row per counted event), so every app
 * instance shares them. Callers take `lockRateKeys` first in the same transaction: checks and hits
 * for one key then happen one transaction at a time, whatever the number of instances. Each
 * function is one SQL statement, however many keys or windows: on a busy server the round trips
 * are what costs.
 */
export async function lockRateKeys(tx: Tx, keys: string[]): Promise<void> {
  // Sorted, so two transactions locking the same keys cannot deadlock; unnest yields the array in
  // order, so the locks are taken in that order.
  const sorted = [...new Set(keys)].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${sorted}::text[]) AS k`;
}

/**
 * For each check, milliseconds until one more hit is allowed under all its windows (0: allowed
 * now). A window is full while its limit-th most recent hit is inside it.
 */
export async function waitsFor(tx: Tx, checks: readonly RateCheck[], now: Date): Promise<number[]> {
  if (checks.length === 0) return [];
  // The rule is written once, in SQL (utilitypay_rate_waits), for these calls and the OTP steps alike.
  const [row] = await tx.$queryRaw<{ waits: number[] }[]>`
    SELECT utilitypay_rate_waits(${now.toISOString()}::timestamptz, ${JSON.stringify(checks)}::jsonb) AS waits`;
  return checks.map((_, index) => Math.max(0, Number(row?.waits[index] ?? 0)));
}

/** Milliseconds until one more hit is allowed under every window; 0 when it is allowed now. */
export async function waitFor(
  tx: Tx,
  bucket: string,
  key: string,
  windows: readonly RateWindow[],
  now: Date,
): Promise<number> {
  const [wait] = await waitsFor(tx, [{ bucket, key, windows }], now);
  return wait ?? 0;
}

export async function countHits(tx: Tx, bucket: string, key: string, windowMs: number, now: Date): Promise<number> {
  return tx.rateLimitHit.count({ where: { bucket, key, createdAt: { gt: new Date(now.getTime() - windowMs) } } });
}

export async function recordHits(tx: Tx, hits: readonly { bucket: string; key: string }[], now: Date): Promise<void> {
  if (hits.length === 0) return;
  await tx.rateLimitHit.createMany({ data: hits.map((h) => ({ bucket: h.bucket, key: h.key, createdAt: now })) });
}

export async function recordHit(tx: Tx, bucket: string, key: string, now: Date): Promise<void> {
  await recordHits(tx, [{ bucket, key }], now);
}

/** Hits older than every window are dead weight: the worker prunes them hourly. */
export async function pruneRateLimitHits(tx: Tx, olderThan: Date): Promise<number> {
  const { count } = await tx.rateLimitHit.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
