import 'server-only';
import { audit } from '@/lib/audit';
import { transaction } from '@/lib/db/transaction';
import { BUCKETS } from '@/lib/otp/policy';
import { lockRateKeys } from '@/lib/limits';

/**
 * Staff: gives a phone back its wrong-code budgets (strangers', its trusted browsers' and its
 * payment codes'), after checking who is calling: the customer locked out by someone guessing at
 * their number. Returns how many counted wrong codes were cleared. Audited.
 */
export async function unlockPhone(options: {
  phoneE164: string;
  staffId: string;
  clientIp: string | null;
}): Promise<number> {
  const { phoneE164 } = options;
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
        details: { cleared: count },
      },
      tx,
    );
    return count;
  });
}
