import 'server-only';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { todayIn } from '@/lib/clock/days';
import { billState, maskAccountNumber, type BillState } from './status';
import { isUuid } from '@/lib/validation/ids';
import { CHARGED_STATUSES } from '@/lib/payments/states';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';

export type BillView = {
  id: string;
  statementDate: Date;
  periodStart: Date;
  periodEnd: Date;
  dueDate: Date;
  amountDueCents: number;
  amountPaidCents: number;
  balanceCents: number;
  state: BillState;
};

export type PaymentLine = {
  id: string;
  amountCents: number;
  status: string;
  confirmationNumber: string;
  createdAt: Date;
  completedAt: Date | null;
};

export type AccountView = {
  id: string;
  accountMasked: string;
  serviceAddress: string;
  holderName: string;
  currentBill: BillView | null;
  bills: BillView[];
  payments: PaymentLine[];
};

function toBillView(bill: Omit<BillView, 'balanceCents' | 'state'>, today: string): BillView {
  return {
    ...bill,
    balanceCents: Math.max(0, bill.amountDueCents - bill.amountPaidCents),
    state: billState(bill, today),
  };
}

const BILL_FIELDS = {
  id: true,
  statementDate: true,
  periodStart: true,
  periodEnd: true,
  dueDate: true,
  amountDueCents: true,
  amountPaidCents: true,
} as const;

/** The customer's linked accounts, each with its latest bill, its bill history and its payments. */
export async function listCustomerAccounts(customerId: string): Promise<AccountView[]> {
  const now = clock.now();
  const links = await db().customerAccount.findMany({
    where: { customerId },
    orderBy: { linkedAt: 'asc' },
    select: {
      account: {
        select: {
          id: true,
          accountNumber: true,
          serviceAddress: true,
          holderName: true,
          utility: { select: { timeZone: true } },
          bills: { orderBy: { statementDate: 'desc' }, take: 12, select: BILL_FIELDS },
          payments: {
            where: { customerId, status: { in: [...CHARGED_STATUSES] } },
            orderBy: { createdAt: 'desc' },
            take: 12,
            select: {
              id: true,
              amountCents: true,
              status: true,
              confirmationNumber: true,
              createdAt: true,
              completedAt: true,
            },
          },
        },
      },
    },
  });
  return links.map(({ account }) => {
    // Due and overdue by the day it is where the account's utility is.
    const today = todayIn(account.utility.timeZone, now);
    const bills = account.bills.map((b) => toBillView(b, today));
    return {
      id: account.id,
      accountMasked: maskAccountNumber(account.accountNumber),
      serviceAddress: account.serviceAddress,
      holderName: account.holderName,
      currentBill: bills[0] ?? null,
      bills,
      payments: account.payments,
    };
  });
}

export type PayableBill = BillView & {
  accountId: string;
  accountMasked: string;
  accountNumber: string;
  serviceAddress: string;
};

/**
 * One bill, only if the customer holds its account (ownership checked in the query), or, for a
 * one-time payer (guestAccountId), only if it is a bill of the account whose facts they proved.
 */
export async function getCustomerBill(
  customerId: string,
  billId: string,
  guestAccountId?: string,
): Promise<PayableBill | null> {
  if (!isUuid(billId)) return null;
  const bill = await db().bill.findFirst({
    where: guestAccountId
      ? { id: billId, accountId: guestAccountId }
      : { id: billId, account: { customers: { some: { customerId } } } },
    select: {
      ...BILL_FIELDS,
      account: {
        select: { id: true, accountNumber: true, serviceAddress: true, utility: { select: { timeZone: true } } },
      },
    },
  });
  if (!bill) return null;
  const { account, ...rest } = bill;
  return {
    ...toBillView(rest, todayIn(account.utility.timeZone, clock.now())),
    accountId: account.id,
    accountMasked: maskAccountNumber(account.accountNumber),
    accountNumber: account.accountNumber,
    serviceAddress: account.serviceAddress,
  };
}

/**
 * The customer's bill for paying it, or NotFoundError: another customer's (or a made-up) bill is
 * refused exactly like one that does not exist, and the attempt goes to the audit log.
 */
export async function requireCustomerBill(
  customerId: string,
  billId: string,
  clientIp: string | null,
  guestAccountId?: string,
): Promise<PayableBill> {
  const bill = await getCustomerBill(customerId, billId, guestAccountId);
  if (bill) return bill;
  await audit({
    actorType: 'CUSTOMER',
    actorId: customerId,
    action: 'bill.access_refused',
    subjectType: 'bill',
    subjectId: billId.slice(0, 64),
    clientIp,
  });
  throw new NotFoundError('That bill');
}

/** An account's latest bill (what a one-time payer pays), or null when it has none. */
export async function latestBillOf(accountId: string): Promise<PayableBill | null> {
  const bill = await db().bill.findFirst({
    where: { accountId },
    orderBy: { statementDate: 'desc' },
    select: { id: true },
  });
  return bill ? getCustomerBill('', bill.id, accountId) : null;
}
