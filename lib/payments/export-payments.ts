import 'server-only';
import { isoInZone } from '@/lib/clock/days';
import { centsToDecimalString } from '@/lib/money';
import type { PaymentFilters } from '@/lib/validation/payment-filters';
import { listPayments } from './list-payments';
import { csvField } from '@/lib/csv';

export const CSV_HEADER = [
  'confirmation_number',
  'created_at',
  'status',
  'amount',
  'currency',
  'account_number',
  'customer_name',
  'customer_phone',
];

/**
 * The filtered payments as CSV, a batch of rows at a time (keyset pages of 1,000), so an export of
 * 100,000 rows never sits in memory. Amounts are decimal strings; times are ISO 8601 in the
 * utility's time zone with its offset ("2026-11-27T20:21:00.000-06:00"): the day a staff member
 * filtered on, and still one exact instant for any program reading it.
 */
export async function* exportPaymentsCsv(
  filters: PaymentFilters,
  timeZone: string,
  batchSize = 1000,
): AsyncGenerator<string> {
  // The first batch comes before the header, so a bad filter fails before anything is sent.
  let page = await listPayments(filters, timeZone, batchSize);
  yield `${CSV_HEADER.join(',')}\r\n`;
  for (;;) {
    yield page.rows
      .map((r) =>
        [
          r.confirmationNumber,
          isoInZone(r.createdAt, timeZone),
          r.status,
          centsToDecimalString(r.amountCents),
          r.currency,
          r.accountNumber,
          r.customerName,
          r.phoneMasked,
        ]
          .map(csvField)
          .join(','),
      )
      .map((line) => `${line}\r\n`)
      .join('');
    if (!page.nextCursor) return;
    page = await listPayments({ ...filters, cursor: page.nextCursor }, timeZone, batchSize);
  }
}
