import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/generated/prisma/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { amountInCents } from '@/lib/validation/schemas';
import { maskPhone, parseMobileNumber } from '@/lib/phone';
import type { PaymentFilters } from '@/lib/validation/payment-filters';
import { addDays, startOfDayIn } from '@/lib/clock/days';

export const PAGE_SIZE = 50;

export class FilterError extends AppError {}

export type StaffPaymentRow = {
  id: string;
  createdAt: Date;
  confirmationNumber: string;
  status: string;
  amountCents: number;
  currency: string;
  accountNumber: string;
  customerName: string;
  phoneMasked: string;
};

type SortKey = { field: 'createdAt' | 'amountCents'; direction: 'asc' | 'desc' };

const SORTS: Record<PaymentFilters['sort'], SortKey> = {
  newest: { field: 'createdAt', direction: 'desc' },
  oldest: { field: 'createdAt', direction: 'asc' },
  amount_desc: { field: 'amountCents', direction: 'desc' },
  amount_asc: { field: 'amountCents', direction: 'asc' },
};

/** The WHERE clause for the filters (dates are days in the utility's time zone, ends inclusive). */
export function paymentWhere(filters: PaymentFilters, timeZone: string): Prisma.PaymentWhereInput {
  const and: Prisma.PaymentWhereInput[] = [];
  if (filters.status) and.push({ status: filters.status });
  if (filters.from) and.push({ createdAt: { gte: startOfDayIn(filters.from, timeZone) } });
  if (filters.to) and.push({ createdAt: { lt: startOfDayIn(addDays(filters.to, 1), timeZone) } });
  for (const [key, op] of [
    ['min', 'gte'],
    ['max', 'lte'],
  ] as const) {
    const text = filters[key];
    if (text === undefined) continue;
    const cents = amountInCents(`"${text}" is not an amount. Use dollars and cents, like 42.50.`).safeParse(text);
    if (!cents.success) throw new FilterError('bad_amount', cents.error.issues[0]!.message);
    and.push({ amountCents: { [op]: cents.data } });
  }
  if (filters.account) and.push({ account: { accountNumber: filters.account.replace(/[\s-]/g, '') } });
  if (filters.phone) {
    const phone = parseMobileNumber(filters.phone, env().DEFAULT_COUNTRY, { anyType: true });
    if (!phone.ok) throw new FilterError('bad_phone', phone.message);
    and.push({ customer: { phoneE164: phone.e164 } });
  }
  if (filters.confirmation) and.push({ confirmationNumber: filters.confirmation.toUpperCase() });
  return { AND: and };
}

function encodeCursor(value: number | string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string, field: SortKey['field']): { value: Date | number; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof id !== 'string') throw new Error();
    if (field === 'createdAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      return { value: new Date(value), id };
    if (field === 'amountCents' && typeof value === 'number') return { value, id };
  } catch {
    // fall through
  }
  throw new FilterError('bad_cursor', 'That page link is out of date. Start from the first page.');
}

/** Rows after the cursor in the chosen order: (sort value, id) keyset, so every page is an index range. */
function afterCursor(cursor: string | undefined, sort: SortKey): Prisma.PaymentWhereInput {
  if (!cursor) return {};
  const { value, id } = decodeCursor(cursor, sort.field);
  const beyond = sort.direction === 'desc' ? 'lt' : 'gt';
  return { OR: [{ [sort.field]: { [beyond]: value } }, { [sort.field]: value, id: { [beyond]: id } }] };
}

/**
 * One page of payments for staff: filtered, sorted, cursor-paginated on the server. Returns the
 * cursor of the next page, or null on the last one.
 */
export async function listPayments(
  filters: PaymentFilters,
  timeZone: string,
  pageSize = PAGE_SIZE,
): Promise<{ rows: StaffPaymentRow[]; nextCursor: string | null }> {
  const sort = SORTS[filters.sort];
  const payments = await db().payment.findMany({
    where: { AND: [paymentWhere(filters, timeZone), afterCursor(filters.cursor, sort)] },
    orderBy: [{ [sort.field]: sort.direction }, { id: sort.direction }],
    take: pageSize + 1,
    select: {
      id: true,
      createdAt: true,
      confirmationNumber: true,
      status: true,
      amountCents: true,
      currency: true,
      account: { select: { accountNumber: true } },
      customer: { select: { name: true, phoneE164: true } },
    },
  });
  const page = payments.slice(0, pageSize);
  const last = page.at(-1);
  const nextCursor =
    payments.length > pageSize && last
      ? encodeCursor(sort.field === 'createdAt' ? last.createdAt.toISOString() : last.amountCents, last.id)
      : null;
  return {
    rows: page.map((p) => ({
      id: p.id,
      createdAt: p.createdAt,
      confirmationNumber: p.confirmationNumber,
      status: p.status,
      amountCents: p.amountCents,
      currency: p.currency,
      accountNumber: p.account.accountNumber,
      customerName: p.customer.name,
      phoneMasked: maskPhone(p.customer.phoneE164),
    })),
    nextCursor,
  };
}
