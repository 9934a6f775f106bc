import 'server-only';
import { audit } from '@/lib/audit';
import { transaction } from '@/lib/db/transaction';
import { BUCKETS } from '@/lib/otp/policy';
import { lockRateKeys } from '@/lib/limits';
import { clock } from '@/lib/clock';
import { formatPhone } from '@/lib/phone';
import { queueSms } from '@/lib/sms/queue';
import { languageOfNumber } from '@/lib/customers/language';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { requireUtility } from '@/lib/utility';

/**
 * Staff: gives a phone back its wrong-code budgets (strangers', its trusted browsers' and its
 * payment codes'), after checking who is calling: the customer locked out by someone guessing at
 * their number. Returns how many counted wrong codes were cleared. Audited with the reason; the
 * number is texted that staff did it (so an unlock nobody asked for is noticed).
 */
export async function unlockPhone(options: {
  phoneE164: string;
  staffId: string;
  clientIp: string | null;
  reason?: string;
}): Promise<number> {
  const { phoneE164 } = options;
  const utility = await requireUtility();
  return transaction(async (tx) => {
    await lockRateKeys(tx, [`phone:${phoneE164}`]);
    const { count } = await tx.rateLimitHit.deleteMany({
      where: {
        OR: [
          { bucket: { in: [BUCKETS.failPhone, BUCKETS.failPayment] }, key: phoneE164 },
          { bucket: BUCKETS.failDevice, key: { startsWith: `${phoneE164}|` } },
        ],
      },
    });
    await audit(
      {
        actorType: 'STAFF',
        actorId: options.staffId,
        action: 'staff.unlocked_phone',
        subjectType: 'phone',
        subjectId: phoneE164,
        clientIp: options.clientIp,
        details: { cleared: count, ...(options.reason ? { reason: options.reason } : {}) },
        at: clock.now(),
      },
      tx,
    );
    await queueSms(tx, {
      kind: 'SECURITY_ALERT',
      toE164: phoneE164,
      carriesCode: false,
      text: smsTemplatesFor(await languageOfNumber(tx, phoneE164)).phoneUnlocked({
        utility: { shortName: utility.shortName, currency: utility.currency, timeZone: utility.timeZone },
        supportPhone: formatPhone(utility.supportPhone),
      }),
    });
    return count;
  });
}
