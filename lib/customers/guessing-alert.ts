import 'server-only';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { transaction } from '@/lib/db/transaction';
import { BUCKETS, OTP_POLICY } from '@/lib/otp/policy';
import { countHits, lockRateKeys, recordHit, waitFor } from '@/lib/limits';
import { formatPhone } from '@/lib/phone';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { requireUtility } from '@/lib/utility';

const DAY = 24 * 3600_000;

/**
 * Tells a registered customer, by text, that strangers are entering wrong sign-in codes for their
 * number: once the strangers' wrong codes of the day reach OTP_POLICY.guessingAlertAfter, and at
 * most once a day. Returns whether a text was queued.
 */
export async function alertOwnerOfGuessing(phoneE164: string): Promise<boolean> {
  const utility = await requireUtility();
  return transaction(async (tx) => {
    await lockRateKeys(tx, [`phone:${phoneE164}`]);
    const now = clock.now();
    const customer = await tx.customer.findUnique({ where: { phoneE164 }, select: { id: true, language: true } });
    if (!customer) return false; // nobody to tell: the number is not registered
    if ((await countHits(tx, BUCKETS.failPhone, phoneE164, DAY, now)) < OTP_POLICY.guessingAlertAfter) return false;
    if ((await waitFor(tx, BUCKETS.guessingAlert, phoneE164, [{ limit: 1, windowMs: DAY }], now)) > 0) return false;
    await recordHit(tx, BUCKETS.guessingAlert, phoneE164, now);
    await queueSms(tx, {
      kind: 'SECURITY_ALERT',
      toE164: phoneE164,
      carriesCode: false,
      text: smsTemplatesFor(customer.language).guessingAlert({
        utility,
        supportPhone: formatPhone(utility.supportPhone),
      }),
    });
    await audit(
      {
        actorType: 'SYSTEM',
        action: 'customer.guessing_alerted',
        subjectType: 'customer',
        subjectId: customer.id,
        at: now,
      },
      tx,
    );
    return true;
  });
}
