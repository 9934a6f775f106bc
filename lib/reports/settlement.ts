import 'server-only';
import { db } from '@/lib/db';
import { addDays, startOfDayIn } from '@/lib/clock/days';
import { centsToDecimalString } from '@/lib/money';
import { SETTLED_STATUSES } from '@/lib/payments/states';

export type Money = { count: number; cents: number };

/** One day's money, in the utility's time zone. */
export type SettlementDay = {
  day: string;
  /** Payments completed that day (a debit returned later still settled that day), the bill amounts. */
  payments: Money;
  /** Convenience fees on those payments. */
  feesCents: number;
  /** Refunds the processor issued that day. */
  refunds: Money;
  /** Bank debits taken back that day (amount and fee). */
  returns: Money;
  /** Bank debits that failed that day before they settled (no money moved). */
  failedDebits: number;
  /** What the processor moved, net: payments and fees in, refunds and returns out. */
  netCents: number;
};

type Row = { day: string; count: number; cents: number; fees: number };

/**
 * The settlement report, per day from `fromDay` to `toDay` (inclusive, YYYY-MM-DD in `timeZone`):
 * every figure is a sum over the payments and refunds tables, by the instant the money moved, so
 * the totals tie out to those tables for the same days (lib/reports/settlement.test.ts).
 */
export async function settlementReport(timeZone: string, fromDay: string, toDay: string) {
  const from = startOfDayIn(fromDay, timeZone);
  const to = startOfDayIn(addDays(toDay, 1), timeZone);
  const day = (column: string) => `to_char(("${column}" AT TIME ZONE $1)::date, 'YYYY-MM-DD')`;
  const query = (sql: string, ...more: unknown[]) => db().$queryRawUnsafe<Row[]>(sql, timeZone, from, to, ...more);
  const [payments, refunds, returns, failed] = await Promise.all([
    query(
      `SELECT ${day('completedAt')} AS day, count(*)::int AS count, sum("amountCents")::int AS cents, sum("feeCents")::int AS fees
             FROM "Payment" WHERE "completedAt" >= $2 AND "completedAt" < $3 AND status::text = ANY($4::text[]) GROUP BY 1`,
      [...SETTLED_STATUSES],
    ),
    query(`SELECT ${day('completedAt')} AS day, count(*)::int AS count, sum("amountCents")::int AS cents, 0 AS fees
             FROM "Refund" WHERE "completedAt" >= $2 AND "completedAt" < $3 AND status = 'SUCCEEDED' GROUP BY 1`),
    query(`SELECT ${day('returnedAt')} AS day, count(*)::int AS count, sum("amountCents" + "feeCents")::int AS cents, 0 AS fees
             FROM "Payment" WHERE "returnedAt" >= $2 AND "returnedAt" < $3 AND status = 'RETURNED' GROUP BY 1`),
    query(`SELECT ${day('failedAt')} AS day, count(*)::int AS count, 0 AS cents, 0 AS fees
             FROM "Payment" p JOIN "PaymentMethod" m ON m.id = p."methodId"
            WHERE p."failedAt" >= $2 AND p."failedAt" < $3 AND p.status = 'FAILED' AND m.type = 'US_BANK_ACCOUNT'
              AND p."processorReference" IS NOT NULL GROUP BY 1`),
  ]);
  const byDay = (rows: Row[]) => new Map(rows.map((r) => [r.day, r]));
  const [p, r, ret, f] = [byDay(payments), byDay(refunds), byDay(returns), byDay(failed)];
  const days: SettlementDay[] = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) {
    const money = (row?: Row): Money => ({ count: row?.count ?? 0, cents: row?.cents ?? 0 });
    const entry = {
      day: d,
      payments: money(p.get(d)),
      feesCents: p.get(d)?.fees ?? 0,
      refunds: money(r.get(d)),
      returns: money(ret.get(d)),
      failedDebits: f.get(d)?.count ?? 0,
    };
    days.push({
      ...entry,
      netCents: entry.payments.cents + entry.feesCents - entry.refunds.cents - entry.returns.cents,
    });
  }
  const sum = (pick: (d: SettlementDay) => number) => days.reduce((n, d) => n + pick(d), 0);
  const totals = {
    payments: { count: sum((d) => d.payments.count), cents: sum((d) => d.payments.cents) },
    feesCents: sum((d) => d.feesCents),
    refunds: { count: sum((d) => d.refunds.count), cents: sum((d) => d.refunds.cents) },
    returns: { count: sum((d) => d.returns.count), cents: sum((d) => d.returns.cents) },
    failedDebits: sum((d) => d.failedDebits),
    netCents: sum((d) => d.netCents),
  };
  return { days, totals };
}

export const SETTLEMENT_CSV_HEADER =
  'day,payments,payments_amount,fees,refunds,refunds_amount,returned_debits,returned_amount,failed_debits,net';

/** The report as CSV: one line per day, then a total line; amounts are decimal strings. */
export function settlementCsv(report: Awaited<ReturnType<typeof settlementReport>>): string {
  const line = (label: string, d: Omit<SettlementDay, 'day'>) =>
    [
      label,
      d.payments.count,
      centsToDecimalString(d.payments.cents),
      centsToDecimalString(d.feesCents),
      d.refunds.count,
      centsToDecimalString(d.refunds.cents),
      d.returns.count,
      centsToDecimalString(d.returns.cents),
      d.failedDebits,
      centsToDecimalString(d.netCents),
    ].join(',');
  return (
    [SETTLEMENT_CSV_HEADER, ...report.days.map((d) => line(d.day, d)), line('total', report.totals)].join('\r\n') +
    '\r\n'
  );
}
