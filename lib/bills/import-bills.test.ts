import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getUtility } from '@/lib/utility';
import { makeCustomer, ensureUtility } from '@/test/factories';
import { importBills } from './import-bills';

const HEADER =
  'account_number,holder_name,service_address,postal_code,statement_date,period_start,period_end,due_date,amount_due';

async function staffId() {
  await ensureUtility();
  const staff = await db().staffUser.create({
    data: { email: `admin-${randomUUID()}@x.example`, name: 'Ada', role: 'ADMIN', passwordHash: 'x' },
  });
  return staff.id;
}

const number = () => String(Math.floor(Math.random() * 9e9) + 1e9);

describe('bill import', () => {
  it('accepts good rows, reports bad ones with the reason, and changes nothing when run again', async () => {
    const admin = await staffId();
    const [a, b] = [number(), number()];
    const csv = [
      HEADER,
      `${a},Maria Garcia,"12 Oak St, Springfield",62701,2026-11-01,2026-10-01,2026-10-31,2026-11-25,123.45`,
      `${b},James Smith,9 River Rd,62702,2026-11-01,2026-10-01,2026-10-31,2026-11-25,0`,
      `${b},James Smith,9 River Rd,62702,2026-12-01,2026-11-01,2026-11-30,2026-12-25,88.10`,
      `12AB,Bad Number,1 Nowhere,62703,2026-11-01,2026-10-01,2026-10-31,2026-11-25,10.00`,
      `${number()},Bad Date,1 Nowhere,62703,2026-02-30,2026-10-01,2026-10-31,2026-11-25,10.00`,
      `${number()},Bad Amount,1 Nowhere,62703,2026-11-01,2026-10-01,2026-10-31,2026-11-25,ten`,
      `${number()},Early Due,1 Nowhere,62703,2026-11-01,2026-10-01,2026-10-31,2026-10-25,10.00`,
    ].join('\n');
    const first = await importBills({ csv, staffId: admin, clientIp: null });
    expect(first).toMatchObject({ rows: 7, created: 3, updated: 0, unchanged: 0 });
    expect(first.rejected).toEqual([
      { line: 5, reason: 'account_number must be 4 to 20 digits' },
      { line: 6, reason: 'statement_date is not a real date' },
      { line: 7, reason: 'amount_due must be an amount like 123.45' },
      { line: 8, reason: 'due_date is before statement_date' },
    ]);
    const account = await db().serviceAccount.findFirstOrThrow({
      where: { accountNumber: a },
      include: { bills: true },
    });
    expect(account).toMatchObject({ holderName: 'Maria Garcia', serviceAddress: '12 Oak St, Springfield' });
    expect(account.bills).toHaveLength(1);
    expect(account.bills[0]).toMatchObject({ amountDueCents: 12345, status: 'UNPAID' });
    const zero = await db().bill.findFirstOrThrow({ where: { account: { accountNumber: b }, amountDueCents: 0 } });
    expect(zero.status).toBe('PAID');

    const before = await db().bill.findMany({
      where: { account: { accountNumber: { in: [a, b] } } },
      orderBy: { id: 'asc' },
    });
    const second = await importBills({ csv, staffId: admin, clientIp: null });
    expect(second).toMatchObject({ rows: 7, created: 0, updated: 0, unchanged: 3 });
    expect(
      await db().bill.findMany({ where: { account: { accountNumber: { in: [a, b] } } }, orderBy: { id: 'asc' } }),
    ).toEqual(before);
    expect(await db().auditLog.count({ where: { action: 'staff.imported_bills', actorId: admin } })).toBe(2);
  });

  it('sets, keeps and clears the mobile number on file with the optional column', async () => {
    const admin = await staffId();
    const [a, b] = [number(), number()];
    const row = (n: string, mobile: string, date = '2026-11-01') =>
      `${n},Maria Garcia,1 Oak St,62701,${date},2026-10-01,2026-10-31,2026-11-25,10.00,${mobile}`;
    const first = await importBills({
      csv: [`${HEADER},mobile_number`, row(a, '(201) 555-0142'), row(b, ''), row(number(), '555')].join('\n'),
      staffId: admin,
      clientIp: null,
    });
    expect(first.rejected).toEqual([{ line: 4, reason: 'mobile_number is not a mobile number we can text' }]);
    const onFile = async (n: string) =>
      (await db().serviceAccount.findFirstOrThrow({ where: { accountNumber: n } })).phoneOnFileE164;
    expect(await onFile(a)).toBe('+12015550142');
    expect(await onFile(b)).toBeNull();
    // A file without the column leaves the number alone; a blank in the column clears it.
    const plain = `${a},Maria Garcia,1 Oak St,62701,2026-12-01,2026-11-01,2026-11-30,2026-12-25,10.00`;
    await importBills({ csv: [HEADER, plain].join('\n'), staffId: admin, clientIp: null });
    expect(await onFile(a)).toBe('+12015550142');
    await importBills({ csv: [`${HEADER},mobile_number`, row(a, '')].join('\n'), staffId: admin, clientIp: null });
    expect(await onFile(a)).toBeNull();
  });

  it('never changes a bill that has payments', async () => {
    const admin = await staffId();
    const a = number();
    const row = (amount: string) =>
      `${HEADER}\n${a},Ann Lee,1 Elm St,62704,2026-11-01,2026-10-01,2026-10-31,2026-11-25,${amount}`;
    await importBills({ csv: row('50.00'), staffId: admin, clientIp: null });
    const bill = await db().bill.findFirstOrThrow({ where: { account: { accountNumber: a } } });
    const customer = await makeCustomer();
    const utility = (await getUtility())!;
    await db().payment.create({
      data: {
        confirmationNumber: `I${randomUUID().slice(0, 8)}`,
        utilityId: utility.id,
        accountId: bill.accountId,
        billId: bill.id,
        customerId: customer.id,
        amountCents: 1000,
        currency: 'USD',
        idempotencyKey: randomUUID(),
        status: 'COMPLETED',
      },
    });
    const report = await importBills({ csv: row('75.00'), staffId: admin, clientIp: null });
    expect(report.rejected).toEqual([
      { line: 2, reason: 'The bill for this account and statement date already has payments; it is not changed.' },
    ]);
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountDueCents).toBe(5000);
  });

  it('explains a file without the expected columns', async () => {
    const report = await importBills({ csv: 'account,amount\n1,2\n', staffId: await staffId(), clientIp: null });
    expect(report.rejected[0]!.reason).toMatch(/^Missing columns: account_number, holder_name/);
    expect(report.created).toBe(0);
  });
});
