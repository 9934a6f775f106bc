// Every rule that depends on the day, run with the clock pinned at the instants where days go
// wrong: around the utility's midnight, UTC midnight, and both DST changes, for a utility west of
// UTC (Chicago) and one east of it (Auckland). The test processes run in Pacific/Chatham and the
// database sessions in Asia/Kolkata (vitest.config.ts, test/database.ts), so neither can stand in
// for the utility's zone by accident. Instants are in 2030, where no other test file writes, and
// the expected days and offsets are worked out by hand, not by the code under test.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { billState } from '@/lib/bills/status';
import { formatDateIn, formatInstant, formatShortDay } from '@/lib/clock/format';
import { listCustomerAccounts } from '@/lib/bills/list-customer-accounts';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import { SMS_TEMPLATES } from '@/lib/sms/templates';

const smsTemplates = SMS_TEMPLATES['en-US'];
import { getDashboard } from '@/lib/reports/dashboard';
import { exportPaymentsCsv } from '@/lib/payments/export-payments';
import { listPayments } from '@/lib/payments/list-payments';
import { PaymentFiltersSchema } from '@/lib/validation/payment-filters';
import { makeAccount, makeCustomer, makeUtility } from '@/test/factories';
import { addDays, dayAsDateColumn, isoInZone, startOfDayIn, todayIn } from './days';

type Instant = {
  name: string;
  now: string;
  /** The utility's day at `now`. */
  today: string;
  /** When that day starts, in UTC. */
  dayStarts: string;
  /** Its length: 23 on the day clocks go forward, 25 when they go back. */
  hours: number;
};

const ZONES: Array<{ timeZone: string; instants: Instant[] }> = [
  {
    timeZone: 'America/Chicago', // UTC-6, UTC-5 from 10 March to 3 November 2030
    instants: [
      {
        name: 'UTC midnight (19:00 the day before)',
        now: '2030-06-15T00:00:00.000Z',
        today: '2030-06-14',
        dayStarts: '2030-06-14T05:00:00.000Z',
        hours: 24,
      },
      {
        name: 'a millisecond before its midnight',
        now: '2030-06-15T04:59:59.999Z',
        today: '2030-06-14',
        dayStarts: '2030-06-14T05:00:00.000Z',
        hours: 24,
      },
      {
        name: 'its midnight',
        now: '2030-06-15T05:00:00.000Z',
        today: '2030-06-15',
        dayStarts: '2030-06-15T05:00:00.000Z',
        hours: 24,
      },
      {
        name: '02:21 UTC in winter (20:21 the day before, as reported)',
        now: '2030-11-28T02:21:00.000Z',
        today: '2030-11-27',
        dayStarts: '2030-11-27T06:00:00.000Z',
        hours: 24,
      },
      {
        name: 'the last second before clocks go forward',
        now: '2030-03-10T07:59:59.000Z',
        today: '2030-03-10',
        dayStarts: '2030-03-10T06:00:00.000Z',
        hours: 23,
      },
      {
        name: '23:30 on the day clocks went forward',
        now: '2030-03-11T04:30:00.000Z',
        today: '2030-03-10',
        dayStarts: '2030-03-10T06:00:00.000Z',
        hours: 23,
      },
      {
        name: 'the first 01:30 on the day clocks go back',
        now: '2030-11-03T06:30:00.000Z',
        today: '2030-11-03',
        dayStarts: '2030-11-03T05:00:00.000Z',
        hours: 25,
      },
      {
        name: 'the second 01:30 on the day clocks go back',
        now: '2030-11-03T07:30:00.000Z',
        today: '2030-11-03',
        dayStarts: '2030-11-03T05:00:00.000Z',
        hours: 25,
      },
      {
        name: '23:30 on the day clocks went back',
        now: '2030-11-04T05:30:00.000Z',
        today: '2030-11-03',
        dayStarts: '2030-11-03T05:00:00.000Z',
        hours: 25,
      },
    ],
  },
  {
    timeZone: 'Pacific/Auckland', // UTC+13 until 7 April 2030, UTC+12 until 29 September, then UTC+13
    instants: [
      {
        name: 'UTC midnight (noon)',
        now: '2030-06-15T00:00:00.000Z',
        today: '2030-06-15',
        dayStarts: '2030-06-14T12:00:00.000Z',
        hours: 24,
      },
      {
        name: 'a millisecond before its midnight',
        now: '2030-06-15T11:59:59.999Z',
        today: '2030-06-15',
        dayStarts: '2030-06-14T12:00:00.000Z',
        hours: 24,
      },
      {
        name: 'its midnight (UTC is still on the day before)',
        now: '2030-06-15T12:00:00.000Z',
        today: '2030-06-16',
        dayStarts: '2030-06-15T12:00:00.000Z',
        hours: 24,
      },
      {
        name: '23:30 UTC in summer (12:30 the day after)',
        now: '2030-01-15T23:30:00.000Z',
        today: '2030-01-16',
        dayStarts: '2030-01-15T11:00:00.000Z',
        hours: 24,
      },
      {
        name: '23:59 on the day clocks went forward',
        now: '2030-09-29T10:59:00.000Z',
        today: '2030-09-29',
        dayStarts: '2030-09-28T12:00:00.000Z',
        hours: 23,
      },
      {
        name: 'the first 02:30 on the day clocks go back',
        now: '2030-04-06T13:30:00.000Z',
        today: '2030-04-07',
        dayStarts: '2030-04-06T11:00:00.000Z',
        hours: 25,
      },
      {
        name: 'the second 02:30 on the day clocks go back',
        now: '2030-04-06T14:30:00.000Z',
        today: '2030-04-07',
        dayStarts: '2030-04-06T11:00:00.000Z',
        hours: 25,
      },
      {
        name: '23:30 on the day clocks went back',
        now: '2030-04-07T11:30:00.000Z',
        today: '2030-04-07',
        dayStarts: '2030-04-06T11:00:00.000Z',
        hours: 25,
      },
    ],
  },
];

const CASES = ZONES.flatMap(({ timeZone, instants }) =>
  instants.map((i) => ({ ...i, timeZone, label: `${timeZone}, ${i.name}` })),
);
const ms = (iso: string, delta = 0) => new Date(new Date(iso).getTime() + delta);

afterEach(() => {
  vi.restoreAllMocks();
});

async function completedPayment(
  refs: { utilityId: string; accountId: string; billId: string; customerId: string },
  amountCents: number,
  at: Date,
) {
  return db().payment.create({
    data: {
      confirmationNumber: `T${randomUUID().slice(0, 9)}`,
      ...refs,
      amountCents,
      currency: 'USD',
      idempotencyKey: randomUUID(),
      status: 'COMPLETED',
      createdAt: at,
      completedAt: at,
    },
  });
}

describe.each(CASES)('$label', ({ timeZone, now: nowIso, today, dayStarts, hours }) => {
  const now = new Date(nowIso);
  const year = today.slice(0, 4);
  const localDate = `${formatShortDay(today)}, ${year}`; // "Jun 14, 2030"

  it('knows the day, when it starts and how long it is', () => {
    expect(todayIn(timeZone, now)).toBe(today);
    const start = startOfDayIn(today, timeZone);
    const next = startOfDayIn(addDays(today, 1), timeZone);
    expect(start.toISOString()).toBe(dayStarts);
    expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime()).toBeLessThan(next.getTime());
    expect((next.getTime() - start.getTime()) / 3_600_000).toBe(hours);
    expect(todayIn(timeZone, ms(dayStarts, -1))).toBe(addDays(today, -1));
    expect(todayIn(timeZone, next)).toBe(addDays(today, 1));
    // The CSV's local time names the same day and the same instant.
    expect(isoInZone(now, timeZone).slice(0, 10)).toBe(today);
    expect(new Date(isoInZone(now, timeZone)).getTime()).toBe(now.getTime());
  });

  it("counts payments on the dashboard by the utility's day", async () => {
    const { utilityId, account, bill } = await makeAccount();
    const customer = await makeCustomer();
    const refs = { utilityId, accountId: account.id, billId: bill.id, customerId: customer.id };
    const start = new Date(dayStarts);
    const tomorrow = startOfDayIn(addDays(today, 1), timeZone);
    const firstDay = startOfDayIn(addDays(today, -29), timeZone);

    const before = await getDashboard(timeZone, now);
    await completedPayment(refs, 1, now);
    await completedPayment(refs, 2, start); // today's first millisecond
    await completedPayment(refs, 4, ms(dayStarts, -1)); // yesterday's last
    await completedPayment(refs, 8, firstDay); // the 30 days' first millisecond
    await completedPayment(refs, 16, new Date(firstDay.getTime() - 1)); // before the 30 days
    await completedPayment(refs, 32, tomorrow); // not yet
    const after = await getDashboard(timeZone, now);

    expect(after.days).toHaveLength(30);
    expect(after.days.at(-1)!.day).toBe(today);
    expect(after.days[0]!.day).toBe(addDays(today, -29));
    expect(after.today.cents - before.today.cents).toBe(1 + 2);
    expect(after.today.count - before.today.count).toBe(2);
    expect(after.last30Days.cents - before.last30Days.cents).toBe(1 + 2 + 4 + 8);
    const delta = (i: number) => after.days.at(i)!.cents - before.days.at(i)!.cents;
    expect(delta(-1)).toBe(1 + 2);
    expect(delta(-2)).toBe(4);
    expect(delta(0)).toBe(8);
  });

  it("filters and exports staff payments by the utility's day, ends included", async () => {
    const { utilityId, account, bill } = await makeAccount();
    const customer = await makeCustomer();
    const refs = { utilityId, accountId: account.id, billId: bill.id, customerId: customer.id };
    const tomorrow = startOfDayIn(addDays(today, 1), timeZone);
    const inside = [new Date(dayStarts), now, new Date(tomorrow.getTime() - 1)];
    for (const [i, at] of inside.entries()) await completedPayment(refs, 100 + i, at);
    await completedPayment(refs, 200, ms(dayStarts, -1));
    await completedPayment(refs, 201, tomorrow);

    const filters = PaymentFiltersSchema.parse({
      from: today,
      to: today,
      account: account.accountNumber,
      sort: 'oldest',
    });
    const { rows } = await listPayments(filters, timeZone);
    expect(rows.map((r) => r.amountCents).sort()).toEqual([100, 101, 102]); // `now` can be the day's start

    let csv = '';
    for await (const chunk of exportPaymentsCsv(filters, timeZone)) csv += chunk;
    const times = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[1]!);
    expect(times.map((t) => t.slice(0, 10))).toEqual([today, today, today]);
    expect(times.map((t) => new Date(t).getTime()).sort()).toEqual(inside.map((d) => d.getTime()).sort());
  });

  it("marks a customer's bills due and overdue by the utility's day", async () => {
    vi.spyOn(clock, 'now').mockReturnValue(now);
    const utility = await makeUtility({ timeZone });
    const customer = await makeCustomer();
    const dueOn: Record<string, string> = { yesterday: addDays(today, -1), today, tomorrow: addDays(today, 1) };
    const states: Record<string, string> = {};
    for (const [name, day] of Object.entries(dueOn)) {
      const { account } = await makeAccount({ utilityId: utility.id });
      await db().bill.updateMany({ where: { accountId: account.id }, data: { dueDate: dayAsDateColumn(day) } });
      await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
      states[account.id] = name;
    }
    const seen = Object.fromEntries(
      (await listCustomerAccounts(customer.id)).map((a) => [states[a.id], a.currentBill!.state]),
    );
    expect(seen).toEqual({ yesterday: 'overdue', today: 'due', tomorrow: 'due' });
    expect(
      billState({ amountDueCents: 100, amountPaidCents: 0, dueDate: dayAsDateColumn(today) }, todayIn(timeZone, now)),
    ).toBe('due');
  });

  it("dates the receipt, the payment history and the confirmation text by the utility's day", () => {
    expect(formatInstant(now, timeZone)).toContain(localDate);
    expect(formatDateIn(now, timeZone)).toBe(localDate);
    const text = smsTemplates.paymentConfirmation({
      utility: { shortName: 'Lakeside G&E', currency: 'USD', timeZone },
      amountCents: 1007,
      accountNumber: '4100012300',
      confirmationNumber: 'UP-TEST',
      completedAt: now,
    });
    expect(text).toContain(` on ${localDate}.`);
  });
});
