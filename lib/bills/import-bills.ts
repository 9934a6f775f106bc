import 'server-only';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { requireUtility } from '@/lib/utility';
import { amountInCents, NO_CONTROL_CHARACTERS } from '@/lib/validation/schemas';
import { parseMobileNumber } from '@/lib/phone';

export const BILL_IMPORT_COLUMNS = [
  'account_number',
  'holder_name',
  'service_address',
  'postal_code',
  'statement_date',
  'period_start',
  'period_end',
  'due_date',
  'amount_due',
] as const;
/** Optional: the holder's mobile number on file (blank: none). When the column is there, it sets or clears the number. */
export const BILL_IMPORT_OPTIONAL_COLUMNS = ['mobile_number'] as const;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-01', abort: true })
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    { message: 'is not a real date', abort: true },
  )
  .transform((v) => new Date(`${v}T00:00:00Z`));

export const BillRowSchema = z
  .object({
    account_number: z
      .string()
      .trim()
      .regex(/^\d{4,20}$/, 'must be 4 to 20 digits'),
    holder_name: z
      .string()
      .trim()
      .normalize('NFC')
      .min(1, 'is empty')
      .max(100, 'is longer than 100 characters')
      .regex(NO_CONTROL_CHARACTERS, 'holds control characters'),
    service_address: z
      .string()
      .trim()
      .normalize('NFC')
      .min(1, 'is empty')
      .max(200, 'is longer than 200 characters')
      .regex(NO_CONTROL_CHARACTERS, 'holds control characters'),
    postal_code: z
      .string()
      .trim()
      .min(3, 'is too short')
      .max(10, 'is longer than 10 characters')
      .regex(NO_CONTROL_CHARACTERS, 'holds control characters'),
    statement_date: date,
    period_start: date,
    period_end: date,
    due_date: date,
    amount_due: amountInCents('must be an amount like 123.45'),
    mobile_number: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const phone = parseMobileNumber(v, 'US');
        if (phone.ok) return phone.e164;
        ctx.addIssue({ code: 'custom', message: 'is not a mobile number we can text' });
        return z.NEVER;
      }),
  })
  .refine((r) => r.period_start <= r.period_end, { message: 'is after period_end', path: ['period_start'] })
  .refine((r) => r.statement_date <= r.due_date, { message: 'is before statement_date', path: ['due_date'] });

export type ImportReport = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
};

/**
 * Imports accounts and bills from the billing system's CSV (columns BILL_IMPORT_COLUMNS). Every
 * row is validated; the report lists accepted and rejected rows with the reason. Idempotent: a bill
 * is keyed by account and statement date, so importing the same file again changes nothing. A bill
 * that already has payments is never changed; a different amount for it is rejected.
 */
export async function importBills(options: {
  csv: string;
  staffId: string;
  clientIp: string | null;
}): Promise<ImportReport> {
  const utility = await requireUtility();
  const report: ImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };

  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(options.csv, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (error) {
    report.rejected.push({ line: 0, reason: `The file is not readable CSV: ${(error as Error).message}` });
    return report;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = BILL_IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    report.rejected.push({
      line: 1,
      reason: `Missing columns: ${missing.join(', ')}. Expected: ${BILL_IMPORT_COLUMNS.join(', ')}.`,
    });
    return report;
  }

  for (const { record, info } of records) {
    report.rows++;
    const parsed = BillRowSchema.safeParse(record);
    if (!parsed.success) {
      report.rejected.push({
        line: info.lines,
        reason: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
      });
      continue;
    }
    const row = parsed.data;
    const onFile = header.includes('mobile_number') ? { phoneOnFileE164: row.mobile_number } : {};
    const outcome = await db().$transaction(async (tx) => {
      const account = await tx.serviceAccount.upsert({
        where: { utilityId_accountNumber: { utilityId: utility.id, accountNumber: row.account_number } },
        update: {
          holderName: row.holder_name,
          serviceAddress: row.service_address,
          postalCode: row.postal_code,
          ...onFile,
        },
        create: {
          utilityId: utility.id,
          accountNumber: row.account_number,
          holderName: row.holder_name,
          serviceAddress: row.service_address,
          postalCode: row.postal_code,
          ...onFile,
        },
      });
      const existing = await tx.bill.findUnique({
        where: { accountId_statementDate: { accountId: account.id, statementDate: row.statement_date } },
        include: { _count: { select: { payments: true } } },
      });
      const fields = {
        periodStart: row.period_start,
        periodEnd: row.period_end,
        dueDate: row.due_date,
        amountDueCents: row.amount_due,
      };
      if (!existing) {
        await tx.bill.create({
          data: {
            accountId: account.id,
            statementDate: row.statement_date,
            ...fields,
          },
        });
        return 'created' as const;
      }
      const same =
        existing.periodStart.getTime() === row.period_start.getTime() &&
        existing.periodEnd.getTime() === row.period_end.getTime() &&
        existing.dueDate.getTime() === row.due_date.getTime() &&
        existing.amountDueCents === row.amount_due;
      if (same) return 'unchanged' as const;
      if (existing._count.payments > 0)
        return 'The bill for this account and statement date already has payments; it is not changed.';
      // Its status follows the new amount (a trigger: migration 20261129120000).
      await tx.bill.update({ where: { id: existing.id }, data: fields });
      return 'updated' as const;
    });
    if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged') report[outcome]++;
    else report.rejected.push({ line: info.lines, reason: outcome });
  }

  await audit({
    actorType: 'STAFF',
    actorId: options.staffId,
    action: 'staff.imported_bills',
    clientIp: options.clientIp,
    details: {
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    },
  });
  return report;
}
