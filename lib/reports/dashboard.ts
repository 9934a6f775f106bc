import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { enqueueDelivery } from '@/lib/sms/queue';
import { env } from '@/lib/env';
import { maskPhone } from '@/lib/phone';
import { addDays, startOfDayIn, todayIn } from '@/lib/clock/days';
import { ABANDONED_STATUSES, PAYMENT_STATUSES } from '@/lib/payments/states';
import { isUuid } from '@/lib/validation/ids';
import { recentBudgetTrips } from '@/lib/sms/budgets';

/** Figures for the staff dashboard: today and the last 30 days, days in the utility's time zone. */
export async function getDashboard(timeZone: string, now: Date) {
  const today = todayIn(timeZone, now);
  const todayStart = startOfDayIn(today, timeZone);
  const tomorrowStart = startOfDayIn(addDays(today, 1), timeZone);
  const firstDay = addDays(today, -29);
  const since = startOfDayIn(firstDay, timeZone);
  // Every figure covers whole days of the utility's, up to the end of today (not "anything later").
  const last30Days = { gte: since, lt: tomorrowStart };
  const completed = { status: 'COMPLETED' as const, completedAt: last30Days };

  const [todayTotals, monthTotals, perDayRows, byStatus, wrongCodes, lockedPhones, smsByStatus, dead, budgetTrips] =
    await Promise.all([
      db().payment.aggregate({
        where: { ...completed, completedAt: { gte: todayStart, lt: tomorrowStart } },
        _count: true,
        _sum: { amountCents: true },
      }),
      db().payment.aggregate({ where: completed, _count: true, _sum: { amountCents: true } }),
      db().$queryRaw<Array<{ day: string; count: number; cents: number }>>`
      SELECT to_char(("completedAt" AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, count(*)::int AS count, sum("amountCents")::int AS cents
        FROM "Payment" WHERE status = 'COMPLETED' AND "completedAt" >= ${since} AND "completedAt" < ${tomorrowStart} GROUP BY 1`,
      db().payment.groupBy({ by: ['status'], where: { createdAt: last30Days }, _count: true }),
      db().otpEvent.count({ where: { type: 'WRONG_CODE', createdAt: last30Days } }),
      db().otpEvent.groupBy({ by: ['phoneMasked'], where: { type: 'BUDGET_SPENT', createdAt: last30Days } }),
      db().smsMessage.groupBy({ by: ['status'], where: { createdAt: last30Days }, _count: true }),
      db().smsMessage.findMany({
        where: { status: 'DEAD' },
        orderBy: { updatedAt: 'desc' },
        take: 20,
        select: { id: true, kind: true, toE164: true, lastError: true, updatedAt: true, body: true },
      }),
      recentBudgetTrips(db(), now),
    ]);

  const perDay = new Map(perDayRows.map((r) => [r.day, r]));
  const days: Array<{ day: string; count: number; cents: number }> = [];
  for (let day = firstDay; day <= today; day = addDays(day, 1))
    days.push({ day, count: perDay.get(day)?.count ?? 0, cents: perDay.get(day)?.cents ?? 0 });

  const count = (rows: Array<{ status: string; _count: number }>, ...statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r._count, 0);
  const started = count(byStatus, ...PAYMENT_STATUSES);
  const rate = (n: number, of: number) => (of === 0 ? null : n / of);
  const handedOff = count(smsByStatus, 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'DEAD');

  return {
    today: { count: todayTotals._count, cents: todayTotals._sum.amountCents ?? 0 },
    last30Days: { count: monthTotals._count, cents: monthTotals._sum.amountCents ?? 0 },
    days,
    rates: {
      started,
      completion: rate(count(byStatus, 'COMPLETED'), started),
      failure: rate(count(byStatus, 'FAILED'), started),
      abandonment: rate(count(byStatus, ...ABANDONED_STATUSES), started),
    },
    wrongCodes,
    lockedPhones: lockedPhones.length,
    /** Code requests refused by a text budget in the last 24 hours: SMS pumping, or a budget too small. */
    textBudgetTrips: budgetTrips,
    sms: {
      total: handedOff,
      deliveryRate: rate(count(smsByStatus, 'SENT', 'DELIVERED'), handedOff),
      dead: count(smsByStatus, 'DEAD'),
    },
    deadMessages: dead.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: maskPhone(m.toE164),
      lastError: m.lastError,
      at: m.updatedAt,
      retryable: m.body !== null,
    })),
  };
}

/** ADMIN: send a DEAD message again (only messages that still have their text; code texts do not). */
export async function retryDeadMessage(options: {
  messageId: string;
  staffId: string;
  clientIp: string | null;
}): Promise<boolean> {
  if (!isUuid(options.messageId)) return false;
  return db().$transaction(async (tx) => {
    const revived = await tx.smsMessage.updateMany({
      where: { id: options.messageId, status: 'DEAD', body: { not: null } },
      data: { status: 'QUEUED', lastError: null },
    });
    if (revived.count !== 1) return false;
    await enqueueDelivery(tx, options.messageId, env().SMS_MAX_ATTEMPTS);
    await audit(
      {
        actorType: 'STAFF',
        actorId: options.staffId,
        action: 'staff.retried_sms',
        subjectType: 'sms',
        subjectId: options.messageId,
        clientIp: options.clientIp,
      },
      tx,
    );
    return true;
  });
}
