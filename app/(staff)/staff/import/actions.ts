'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import { clientIp } from '@/lib/request/client-ip';
import { importBills, MAX_IMPORT_BYTES, type ImportReport } from '@/lib/staff/import-bills';
import { assertForm } from '@/lib/validation/action-args';

export type ImportState = { status: 'idle' } | { status: 'error'; message: string } | { status: 'done'; fileName: string; report: ImportReport };

export async function importBillsAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  assertForm(formData);
  const admin = await requireStaff('ADMIN');
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'error', message: 'Choose the CSV file exported from the billing system.' };
  if (file.size > MAX_IMPORT_BYTES) return { status: 'error', message: 'The file is larger than 5 MB. Split it and import the parts.' };
  const report = await importBills({ csv: await file.text(), staffId: admin.staffId, clientIp: await clientIp() });
  return { status: 'done', fileName: file.name, report };
}
