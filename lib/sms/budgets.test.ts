// The SMS-pumping budgets trip at their numbers and recover, whatever address each request comes
// from. On a database of its own: the global budget counts every code text, and the other test
// files send hundreds.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { ensureUtility, uniqueIp } from '@/test/factories';
import { useOwnDatabase } from '@/test/database';
import { controlClock } from '@/test/otp-helpers';
import { getDashboard } from '@/lib/reports/dashboard';
import { AUTO_BUDGET, forgetAutomaticBudgetForTests, hourlyBudget, numberPrefix } from './budgets';

beforeAll(async () => {
  await useOwnDatabase('utilitypay_budgets');
  await ensureUtility();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetEnvForTests();
  forgetAutomaticBudgetForTests();
});

let n = 0;
/** A registration code to `phone`, from a new client address every time (addresses rotate). */
const ask = (phone: string) => sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() });
const inPrefix = (prefix: string) => `${prefix}${String(1000 + (n++ % 9000)).padStart(4, '0')}`;

describe('text budgets', () => {
  it('a number prefix (+1 NPA-NXX) gets at most its hourly limit, then recovers', async () => {
    vi.stubEnv('SMS_PREFIX_HOURLY_LIMIT', '5');
    resetEnvForTests();
    const time = controlClock(new Date('2029-08-01T10:00:00Z'));
    expect(numberPrefix('+13035550123')).toBe('+1303555');
    expect(numberPrefix('+447400123456')).toBe('+447400');
    for (let i = 0; i < 5; i++) await expect(ask(inPrefix('+1303555'))).resolves.toHaveProperty('challengeId');
    await expect(ask(inPrefix('+1303555'))).rejects.toMatchObject({
      code: 'rate_limited',
      userMessage: expect.stringMatching(/We are not sending codes to numbers like yours for a while/),
    });
    // Another prefix is not held up.
    await expect(ask(inPrefix('+1303556'))).resolves.toHaveProperty('challengeId');
    expect(await db().otpEvent.count({ where: { type: 'TEXT_BUDGET_TRIPPED' } })).toBe(1);
    // The staff dashboard raises the alert.
    expect((await getDashboard('America/Chicago', time.at())).textBudgetTrips).toBe(1);
    time.advance(3600_000 + 1_000);
    await expect(ask(inPrefix('+1303555'))).resolves.toHaveProperty('challengeId');
  });

  it('all numbers together get at most the hourly budget, then recover', async () => {
    vi.stubEnv('SMS_HOURLY_BUDGET', '8');
    resetEnvForTests();
    const time = controlClock(new Date('2029-08-02T10:00:00Z'));
    for (let i = 0; i < 8; i++) await expect(ask(inPrefix(`+1720${200 + i}`))).resolves.toHaveProperty('challengeId');
    await expect(ask(inPrefix('+1720300'))).rejects.toMatchObject({ code: 'rate_limited' });
    time.advance(3600_000 + 1_000);
    await expect(ask(inPrefix('+1720301'))).resolves.toHaveProperty('challengeId');
  });

  it('by default it is sized from the busiest hour of the last 7 days, with a floor', async () => {
    vi.stubEnv('SMS_HOURLY_BUDGET', 'auto');
    resetEnvForTests();
    const now = new Date();
    const busiest = await db().$queryRaw<Array<{ n: number }>>`
      SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM "SmsMessage" WHERE kind::text LIKE 'OTP_%'
        AND "createdAt" >= ${new Date(now.getTime() - 7 * 24 * 3600_000)} GROUP BY date_trunc('hour', "createdAt")) h`;
    expect(await hourlyBudget(now)).toBe(Math.max(AUTO_BUDGET.floor, AUTO_BUDGET.multiple * busiest[0]!.n));
    expect(await hourlyBudget(now)).toBeGreaterThanOrEqual(300);
  });
});
