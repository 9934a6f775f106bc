import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { PaymentMethodType } from '@/generated/prisma/enums';

/** A utility's convenience fees, per method type: flat cents plus basis points (250 = 2.5%). Default none. */
export type FeeSchedule = {
  cardFeeFlatCents: number;
  cardFeeBps: number;
  bankFeeFlatCents: number;
  bankFeeBps: number;
};

export const NO_FEES: FeeSchedule = { cardFeeFlatCents: 0, cardFeeBps: 0, bankFeeFlatCents: 0, bankFeeBps: 0 };

/** The fee on `amountCents` paid by `type`, rounded to the cent (half up). */
export function feeFor(schedule: FeeSchedule, type: PaymentMethodType, amountCents: number): number {
  const [flat, bps] =
    type === 'CARD'
      ? [schedule.cardFeeFlatCents, schedule.cardFeeBps]
      : [schedule.bankFeeFlatCents, schedule.bankFeeBps];
  return flat + Math.round((amountCents * bps) / 10_000);
}

/** A utility's fee columns, to select with it (or with what belongs to it). */
export const FEE_SCHEDULE = {
  cardFeeFlatCents: true,
  cardFeeBps: true,
  bankFeeFlatCents: true,
  bankFeeBps: true,
} as const;

export async function feeScheduleOf(utilityId: string): Promise<FeeSchedule> {
  return db().utility.findUniqueOrThrow({ where: { id: utilityId }, select: FEE_SCHEDULE });
}

/** An ADMIN sets the fees; payments started from now on carry them (a payment's own fee never changes). */
export async function setFeeSchedule(
  staffId: string,
  utilityId: string,
  schedule: FeeSchedule,
  clientIp: string | null,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.utility.findUniqueOrThrow({
      where: { id: utilityId },
      select: FEE_SCHEDULE,
    });
    await tx.utility.update({ where: { id: utilityId }, data: schedule });
    await audit(
      {
        actorType: 'STAFF',
        actorId: staffId,
        action: 'staff.changed_fees',
        subjectType: 'utility',
        subjectId: utilityId,
        clientIp,
        details: { before, after: schedule },
      },
      tx,
    );
  });
}

/** "A $1.50 + 2.5% convenience fee applies", or null when the method type has no fee. */
export function feeNote(
  schedule: FeeSchedule,
  type: PaymentMethodType,
  format: (cents: number) => string,
  locale: Locale = DEFAULT_LOCALE,
): string | null {
  const [flat, bps] =
    type === 'CARD'
      ? [schedule.cardFeeFlatCents, schedule.cardFeeBps]
      : [schedule.bankFeeFlatCents, schedule.bankFeeBps];
  const parts = [flat > 0 ? format(flat) : null, bps > 0 ? `${bps / 100}%` : null].filter(Boolean);
  return parts.length === 0 ? null : translate({ key: 'pay.feeNote', values: { fee: parts.join(' + ') } }, locale);
}
