import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '@/test/database';
import { verifyPassword } from '@/lib/auth/password';
import { createDb } from './client';
import { CURRENT_BILL_STATES, DEMO, seedDemoData } from './demo-data';
import { migrateDeploy } from './migrate';

const serverUrl = inject('serverUrl');
const name = `utilitypay_seed_${process.pid}`;

afterAll(() => dropDatabase(serverUrl, name));

async function snapshot(db: ReturnType<typeof createDb>) {
  const [utilities, accounts, bills, customers, links, staff] = await Promise.all([
    db.utility.findMany({ orderBy: { slug: 'asc' } }),
    db.serviceAccount.findMany({ orderBy: { accountNumber: 'asc' } }),
    db.bill.findMany({ orderBy: [{ accountId: 'asc' }, { statementDate: 'asc' }] }),
    db.customer.findMany({ orderBy: { phoneE164: 'asc' } }),
    db.customerAccount.findMany({ orderBy: { accountId: 'asc' } }),
    db.staffUser.findMany({ orderBy: { email: 'asc' } }),
  ]);
  return { utilities, accounts, bills, customers, links, staff };
}

describe('demo data', () => {
  it('covers every bill state and is idempotent', async () => {
    const url = await recreateDatabase(serverUrl, name);
    await migrateDeploy(url);
    const db = createDb(url, 2);
    try {
      const today = new Date('2026-11-27T12:00:00Z');
      await seedDemoData(db, today);
      const first = await snapshot(db);
      expect(first.accounts.length).toBeGreaterThanOrEqual(25);
      expect(first.customers).toHaveLength(1);
      expect(first.staff.map((s) => s.role).sort()).toEqual(['ADMIN', 'STAFF']);
      expect(await verifyPassword(first.staff.find((s) => s.role === 'STAFF')!.passwordHash, DEMO.staff.password)).toBe(
        true,
      );

      const current = first.bills.filter(
        (b) =>
          b.statementDate.getTime() ===
          Math.max(...first.bills.filter((x) => x.accountId === b.accountId).map((x) => x.statementDate.getTime())),
      );
      const todayDate = new Date('2026-11-27T00:00:00Z');
      const states = new Set(
        current.map((b) =>
          b.amountDueCents === 0
            ? 'zero balance'
            : b.status === 'PAID'
              ? 'paid'
              : b.status === 'PARTIALLY_PAID'
                ? 'partly paid'
                : b.dueDate < todayDate
                  ? 'overdue'
                  : 'current',
        ),
      );
      expect([...states].sort()).toEqual([...CURRENT_BILL_STATES].sort());

      await seedDemoData(db, today);
      expect(await snapshot(db)).toEqual(first);
    } finally {
      await db.$disconnect();
    }
  });
});
