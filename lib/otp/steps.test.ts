import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { uniqueIp, uniquePhone } from '@/test/factories';
import { send } from '@/test/otp-helpers';
import { OtpError } from './errors';
import { BUCKETS, OTP_POLICY } from './policy';

describe('the send step under the phone lock', () => {
  it('sees what the previous holder committed: two sends racing for the last send left, one wins', async () => {
    const [window] = OTP_POLICY.sendsPerPhone;
    for (let round = 0; round < 10; round++) {
      const phone = uniquePhone();
      // One send left in the phone's 10-minute window.
      await db().rateLimitHit.createMany({
        data: Array.from({ length: window.limit - 1 }, () => ({
          bucket: BUCKETS.sendPhone,
          key: phone,
          createdAt: new Date(Date.now() - 60_000),
        })),
      });
      // Two purposes, so the per-purpose resend cooldown does not decide it; two addresses, so no
      // per-address cap does: only the phone's window can, and it has room for one.
      const outcomes = await Promise.allSettled([
        send('SIGN_IN', phone, { clientIp: uniqueIp() }),
        send('REGISTRATION', phone, { clientIp: uniqueIp() }),
      ]);
      const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o.reason as OtpError).code);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toEqual(['rate_limited']);
      expect(await db().otpChallenge.count({ where: { phoneE164: phone } })).toBe(1);
      expect(await db().rateLimitHit.count({ where: { bucket: BUCKETS.sendPhone, key: phone } })).toBe(window.limit);
    }
  });
});
