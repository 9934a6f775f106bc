import 'server-only';
import { AppError } from '@/lib/errors';
import { db, type Tx } from './index';

/** Asked to wait and try again: two requests collided in the database and both gave up. */
export class BusyError extends AppError {
  constructor() {
    super('busy', 'Several requests for this reached us at once. Nothing was changed: please try again.');
  }
}

const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

/** Whether `error` is PostgreSQL giving up one of two colliding transactions (safe to run again). */
export function isRetryableConflict(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const record = e as { code?: unknown; originalCode?: unknown; meta?: { code?: unknown } };
    if (record.code === 'P2034') return true;
    for (const code of [record.code, record.originalCode, record.meta?.code])
      if (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code)) return true;
    if (e instanceof Error && /deadlock detected|could not serialize access/i.test(e.message)) return true;
  }
  return false;
}

/**
 * `db().$transaction(fn)`, run again (up to 3 times, after a short random pause) when PostgreSQL
 * aborts it as a deadlock or serialization victim; still failing, it is a BusyError the customer
 * can act on, never a 500. `fn` must be safe to run again: everything it did was rolled back.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(fn);
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= attempts) throw new BusyError();
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
