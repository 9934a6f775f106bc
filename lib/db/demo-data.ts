import type { PrismaClient } from '@/generated/prisma/client';
import { hashPassword } from '@/lib/auth/password';
import { dayAsDateColumn, todayIn } from '@/lib/clock/days';

export const DEMO = {
  utility: {
    slug: 'riverside',
    name: 'Riverside Water & Power',
    shortName: 'Riverside W&P',
    supportPhone: '+12015550199',
    timeZone: 'America/Chicago',
    currency: 'USD',
  },
  customer: { name: 'Dana Rivera', phoneE164: '+12015550100' },
  staff: { email: 'staff@riverside.example', password: 'riverside-staff-demo', name: 'Sam Staff' },
  admin: { email: 'admin@riverside.example', password: 'riverside-admin-demo', name: 'Alex Admin' },
} as const;

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Chen',
  'Olivia',
  'Mateo',
  'Priya',
  'Noah',
  'Fatima',
  'Liam',
  'Grace',
  'Diego',
  'Hana',
  'Ethan',
  'Zoe',
];
const LAST = [
  'Garcia',
  'Smith',
  'Okafor',
  'Wei',
  'Johnson',
  'Rossi',
  'Patel',
  'Brown',
  'Haddad',
  'Murphy',
  'Kim',
  'Lopez',
  'Sato',
  'Miller',
  'Novak',
];
const STREETS = ['Willow Ln', 'River Rd', 'Oak St', 'Maple Ave', 'Harbor Dr', 'Cedar Ct', 'Elm St', 'Pine Ridge Rd'];
const POSTAL = ['62701', '62702', '62703', '62704', '62707'];

/** The state of each account's current bill, round-robin over the demo accounts. */
export const CURRENT_BILL_STATES = ['current', 'overdue', 'partly paid', 'paid', 'zero balance'] as const;

function utcDate(base: Date, dayOffset: number): Date {
  return new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() + dayOffset));
}

/** Accounts whose bill carries the holder's mobile number (the utility's number on file): 555-01xx, fictional. */
export const ACCOUNTS_WITH_NUMBER_ON_FILE = [30, 32, 35, 36, 37] as const;

export function demoAccounts() {
  return Array.from({ length: 40 }, (_, i) => ({
    accountNumber: String(4100012300 + i * 37),
    holderName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    serviceAddress: `${100 + i * 13} ${STREETS[i % STREETS.length]}, Springfield`,
    postalCode: POSTAL[i % POSTAL.length]!,
    phoneOnFileE164: (ACCOUNTS_WITH_NUMBER_ON_FILE as readonly number[]).includes(i) ? `+120155501${i}` : null,
  }));
}

/**
 * Demo data for a fresh development database: one utility, 40 service accounts (five with a
 * mobile number on file) each with two paid
 * past statements and a current bill in one of every state, one registered customer holding two
 * accounts, one STAFF and one ADMIN user. Idempotent: it only creates what is missing, so running
 * it again changes nothing.
 */
export async function seedDemoData(db: PrismaClient, now = new Date()) {
  // Bills are dated from the utility's today, not the machine's or UTC's (they differ for hours a day).
  const today = dayAsDateColumn(todayIn(DEMO.utility.timeZone, now));
  const utility = await db.utility.upsert({ where: { slug: DEMO.utility.slug }, update: {}, create: DEMO.utility });

  const accounts = [];
  for (const [i, account] of demoAccounts().entries()) {
    const row = await db.serviceAccount.upsert({
      where: { utilityId_accountNumber: { utilityId: utility.id, accountNumber: account.accountNumber } },
      update: {},
      create: { ...account, utilityId: utility.id },
    });
    accounts.push(row);
    const base = 4200 + ((i * 1777) % 9000); // $42.00 .. $131.99, varied
    for (const monthsAgo of [2, 1, 0]) {
      const statementDate = utcDate(today, -monthsAgo * 30 - 10);
      const state = monthsAgo === 0 ? CURRENT_BILL_STATES[i % CURRENT_BILL_STATES.length]! : 'paid';
      const amountDueCents = state === 'zero balance' ? 0 : base + monthsAgo * 311;
      const dueDate = state === 'overdue' ? utcDate(today, -5) : utcDate(statementDate, 25);
      const amountPaidCents =
        state === 'paid' || state === 'zero balance'
          ? amountDueCents
          : state === 'partly paid'
            ? Math.floor(amountDueCents / 2)
            : 0;
      await db.bill.upsert({
        where: { accountId_statementDate: { accountId: row.id, statementDate } },
        update: {},
        create: {
          accountId: row.id,
          statementDate,
          periodStart: utcDate(statementDate, -30),
          periodEnd: utcDate(statementDate, -1),
          dueDate,
          amountDueCents,
          amountPaidCents,
        },
      });
    }
  }

  const customer = await db.customer.upsert({
    where: { phoneE164: DEMO.customer.phoneE164 },
    update: {},
    create: { ...DEMO.customer, phoneVerifiedAt: now, registeredAt: now },
  });
  // The demo customer holds a current bill and an overdue one.
  for (const account of accounts.slice(0, 2)) {
    await db.customerAccount.upsert({
      where: { customerId_accountId: { customerId: customer.id, accountId: account.id } },
      update: {},
      create: { customerId: customer.id, accountId: account.id },
    });
  }

  for (const user of [
    { ...DEMO.staff, role: 'STAFF' as const },
    { ...DEMO.admin, role: 'ADMIN' as const },
  ]) {
    const existing = await db.staffUser.findUnique({ where: { email: user.email } });
    if (!existing) {
      await db.staffUser.create({
        data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
      });
    }
  }
  return { utility, customer };
}
