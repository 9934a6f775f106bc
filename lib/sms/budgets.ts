import 'server-only';
import type { Tx } from '@/lib/db';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { RateCheck } from '@/lib/limits';

/**
 * The second line of defence against SMS pumping, for when client addresses rotate: budgets of code
 * texts an hour for all numbers together and for any one number prefix. Counted in the shared
 * rate-limit table, so every app instance sees the same totals.
 */
export const TEXT_BUDGET_BUCKETS = { all: 'sms:budget:all', prefix: 'sms:budget:prefix' } as const;
const HOUR_MS = 3600_000;
/** The automatic global budget: this many times the busiest hour of the last 7 days, at least FLOOR. */
export const AUTO_BUDGET = { multiple: 3, floor: 300 } as const;

/** The prefix a budget counts under: +1 NPA-NXX in the North American plan, else the first 7 characters. */
export function numberPrefix(e164: string): string {
  return e164.slice(0, e164.startsWith('+1') ? 8 : 7);
}

let automatic: { value: number; at: number } | undefined;

/** The global budget now: SMS_HOURLY_BUDGET, or sized from the last 7 days' code texts (cached 10 minutes). */
export async function hourlyBudget(now: Date): Promise<number> {
  const configured = env().SMS_HOURLY_BUDGET;
  if (configured !== 'auto') return configured;
  if (automatic && now.getTime() - automatic.at < 10 * 60_000) return automatic.value;
  const [busiest] = await db().$queryRaw<Array<{ n: number }>>`
    SELECT coalesce(max(n), 0)::int AS n FROM (
      SELECT count(*) AS n FROM "SmsMessage"
       WHERE kind::text LIKE 'OTP_%' AND "createdAt" >= ${new Date(now.getTime() - 7 * 24 * HOUR_MS)}
       GROUP BY date_trunc('hour', "createdAt")) hours`;
  const value = Math.max(AUTO_BUDGET.floor, AUTO_BUDGET.multiple * (busiest?.n ?? 0));
  automatic = { value, at: now.getTime() };
  return value;
}

/** The budgets a code text to `phoneE164` counts against, as rate-limit specs. */
export async function textBudgets(phoneE164: string, now: Date): Promise<RateCheck[]> {
  return [
    { bucket: TEXT_BUDGET_BUCKETS.all, key: 'all', windows: [{ limit: await hourlyBudget(now), windowMs: HOUR_MS }] },
    {
      bucket: TEXT_BUDGET_BUCKETS.prefix,
      key: numberPrefix(phoneE164),
      windows: [{ limit: env().SMS_PREFIX_HOURLY_LIMIT, windowMs: HOUR_MS }],
    },
  ];
}

/** Budget trips in the last 24 hours, for the staff dashboard's alert. */
export async function recentBudgetTrips(tx: Tx | ReturnType<typeof db>, now: Date): Promise<number> {
  return tx.otpEvent.count({
    where: { type: 'TEXT_BUDGET_TRIPPED', createdAt: { gte: new Date(now.getTime() - 24 * HOUR_MS) } },
  });
}

export function forgetAutomaticBudgetForTests(): void {
  automatic = undefined;
}
