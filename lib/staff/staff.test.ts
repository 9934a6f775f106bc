import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { makeAccount, makeCustomer, uniqueIp } from '@/test/factories';
import { controlClock } from '@/test/otp-helpers';
import { PaymentFiltersSchema, type PaymentFilters } from '@/lib/validation/payment-filters';
import { exportPaymentsCsv } from '@/lib/payments/export-payments';
import { FilterError, listPayments } from '@/lib/payments/list-payments';
import { startOfDayIn } from '@/lib/clock/days';
import { StaffSignInError, verifyStaffPassword } from './verify-staff-password';
import { addStaffUser, StaffAdminError } from './manage-staff';

afterEach(() => vi.restoreAllMocks());

const TZ = 'America/Chicago';
const filters = (f: Record<string, string>): PaymentFilters => PaymentFiltersSchema.parse(f);

async function staffUser(password = 'correct horse battery') {
  const email = `staff-${randomUUID()}@riverside.example`;
  await db().staffUser.create({
    data: { email, name: 'Sam', role: 'STAFF', passwordHash: await hashPassword(password) },
  });
  return { email, password };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StaffSignInError);
  return error as StaffSignInError;
}

describe('staff sign-in', () => {
  it('accepts the right password, and answers a wrong one and an unknown email alike', async () => {
    const { email, password } = await staffUser();
    await expect(
      verifyStaffPassword({ email: email.toUpperCase(), password, clientIp: uniqueIp() }),
    ).resolves.toMatchObject({ role: 'STAFF' });
    const wrong = await refusal(verifyStaffPassword({ email, password: 'nope', clientIp: uniqueIp() }));
    const unknown = await refusal(
      verifyStaffPassword({ email: `nobody-${randomUUID()}@x.example`, password, clientIp: uniqueIp() }),
    );
    expect(wrong.userMessage).toBe(unknown.userMessage);
    expect(
      await db().auditLog.count({
        where: { action: 'staff.sign_in_refused', details: { path: ['email'], equals: email } },
      }),
    ).toBe(1);
  });

  it('locks an account after 5 failures in 15 minutes, even for the right password', async () => {
    const time = controlClock(new Date());
    const { email, password } = await staffUser();
    for (let i = 0; i < 5; i++)
      expect((await refusal(verifyStaffPassword({ email, password: `guess${i}`, clientIp: uniqueIp() }))).code).toBe(
        'invalid',
      );
    expect((await refusal(verifyStaffPassword({ email, password, clientIp: uniqueIp() }))).code).toBe('rate_limited');
    time.advance(15 * 60_000 + 1);
    await expect(verifyStaffPassword({ email, password, clientIp: uniqueIp() })).resolves.toHaveProperty('staffId');
  });

  // Audit finding 5: 25 wrong passwords sent at once used to be checked 21 times, the lockout
  // counting only failures already finished.
  it('checks at most 5 passwords of one account, however many arrive at once', async () => {
    const { email, password } = await staffUser();
    const codes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        refusal(verifyStaffPassword({ email, password: `guess${i}`, clientIp: uniqueIp() })).then((e) => e.code),
      ),
    );
    expect(codes.filter((c) => c === 'invalid')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(20);
    expect(
      await db().auditLog.count({
        where: { action: 'staff.sign_in_refused', details: { path: ['email'], equals: email } },
      }),
    ).toBe(5);
    expect((await refusal(verifyStaffPassword({ email, password, clientIp: uniqueIp() }))).code).toBe('rate_limited');
  });

  it('does not count a successful sign-in against the limit', async () => {
    const { email, password } = await staffUser();
    for (let i = 0; i < 4; i++)
      await refusal(verifyStaffPassword({ email, password: `guess${i}`, clientIp: uniqueIp() }));
    for (let i = 0; i < 3; i++)
      await expect(verifyStaffPassword({ email, password, clientIp: uniqueIp() })).resolves.toHaveProperty('staffId');
  });

  it('limits failures per IP across accounts', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++)
      await refusal(verifyStaffPassword({ email: `x${i}-${randomUUID()}@x.example`, password: 'x', clientIp: ip }));
    const { email, password } = await staffUser();
    expect((await refusal(verifyStaffPassword({ email, password, clientIp: ip }))).code).toBe('rate_limited');
  });
});

describe('adding a staff user', () => {
  it('refuses an email already in use with a message, and adds nothing', async () => {
    const admin = await db().staffUser.create({
      data: { email: `a-${randomUUID()}@x.example`, name: 'A', role: 'ADMIN', passwordHash: 'x' },
    });
    const input = {
      email: `new-${randomUUID()}@x.example`,
      name: 'New',
      role: 'STAFF' as const,
      password: 'a long first password',
    };
    await addStaffUser(input, admin.id, null);
    const again = addStaffUser({ ...input, name: 'Again' }, admin.id, null);
    await expect(again).rejects.toBeInstanceOf(StaffAdminError);
    await expect(again).rejects.toMatchObject({ code: 'duplicate' });
    expect(await db().staffUser.count({ where: { email: input.email } })).toBe(1);
  });
});

/** Five payments on one fresh account, a day apart (Chicago noon), amounts 10, 20, 20, 30, 40 dollars. */
async function knownPayments() {
  const { utilityId, account, bill } = await makeAccount({ amountDueCents: 1_000_000 });
  const customer = await makeCustomer(undefined, 'Lee, "Kim"');
  const amounts = [1000, 2000, 2000, 3000, 4000];
  const payments = [];
  for (const [i, amountCents] of amounts.entries()) {
    payments.push(
      await db().payment.create({
        data: {
          confirmationNumber: `T${randomUUID().slice(0, 8).toUpperCase()}`,
          utilityId,
          accountId: account.id,
          billId: bill.id,
          customerId: customer.id,
          amountCents,
          currency: 'USD',
          idempotencyKey: randomUUID(),
          status: i === 4 ? 'FAILED' : 'COMPLETED',
          createdAt: new Date(Date.UTC(2026, 10, 20 + i, 18)), // 12:00 in Chicago
        },
      }),
    );
  }
  return { account, customer, payments };
}

describe('the staff payments list', () => {
  it('pages through a filtered set with a cursor: every row once, in order', async () => {
    const { account, payments } = await knownPayments();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listPayments({ ...filters({ account: account.accountNumber }), cursor }, TZ, 2);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(payments.map((p) => p.id).reverse());
  });

  it('sorts by amount with ties broken by id, across page edges', async () => {
    const { account } = await knownPayments();
    const first = await listPayments(filters({ account: account.accountNumber, sort: 'amount_asc' }), TZ, 2);
    const second = await listPayments(
      { ...filters({ account: account.accountNumber, sort: 'amount_asc' }), cursor: first.nextCursor! },
      TZ,
      2,
    );
    expect([...first.rows, ...second.rows].map((r) => r.amountCents)).toEqual([1000, 2000, 2000, 3000]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(4);
  });

  it('filters by status, amount range, dates in the utility time zone, phone and confirmation number', async () => {
    const { account, customer, payments } = await knownPayments();
    const only = (f: Record<string, string>) =>
      listPayments(filters({ account: account.accountNumber, ...f }), TZ).then((p) => p.rows.map((r) => r.amountCents));
    expect(await only({ status: 'FAILED' })).toEqual([4000]);
    expect(await only({ min: '20', max: '30.00' })).toEqual([3000, 2000, 2000]);
    // Nov 21 and 22 in Chicago, ends inclusive.
    expect(await only({ from: '2026-11-21', to: '2026-11-22' })).toEqual([2000, 2000]);
    expect(await only({ phone: customer.phoneE164 })).toHaveLength(5);
    expect(await only({ confirmation: payments[3]!.confirmationNumber.toLowerCase() })).toEqual([3000]);
    await expect(only({ min: 'ten' })).rejects.toBeInstanceOf(FilterError);
    await expect(listPayments({ ...filters({}), cursor: 'garbage' }, TZ)).rejects.toBeInstanceOf(FilterError);
  });

  it('finds days by the utility time zone, across daylight-saving changes', () => {
    expect(startOfDayIn('2026-11-27', TZ).toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(startOfDayIn('2026-07-04', TZ).toISOString()).toBe('2026-07-04T05:00:00.000Z');
    expect(startOfDayIn('2026-03-08', TZ).toISOString()).toBe('2026-03-08T06:00:00.000Z');
  });
});

describe('the CSV export', () => {
  it('has a header, decimal amounts, quoted names, and every filtered row, in batches', async () => {
    const { account, payments } = await knownPayments();
    let csv = '';
    for await (const chunk of exportPaymentsCsv(filters({ account: account.accountNumber }), TZ, 2)) csv += chunk;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'confirmation_number,created_at,status,amount,currency,account_number,customer_name,customer_phone',
    );
    expect(lines).toHaveLength(6);
    const newest = payments[4]!;
    expect(lines[1]).toBe(
      `${newest.confirmationNumber},2026-11-24T12:00:00.000-06:00,FAILED,40.00,USD,${account.accountNumber},"Lee, ""Kim""",'+1 ••• ••• ${(await db().customer.findUniqueOrThrow({ where: { id: newest.customerId } })).phoneE164.slice(-4)}`,
    );
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['40.00', '30.00', '20.00', '20.00', '10.00']);
    // A cell that a spreadsheet would run as a formula (=, +, -, @) starts with a quote instead.
    await db().customer.update({ where: { id: newest.customerId }, data: { name: '=HYPERLINK("http://evil")' } });
    let again = '';
    for await (const chunk of exportPaymentsCsv(filters({ account: account.accountNumber }), TZ)) again += chunk;
    expect(again).toContain(`,"'=HYPERLINK(""http://evil"")",`);
  });
});
