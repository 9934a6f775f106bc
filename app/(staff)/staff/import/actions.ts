'use server';

import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { importBills, MAX_IMPORT_BYTES, type ImportReport } from '@/lib/bills/import-bills';
import type { FormState } from '@/lib/validation/form-state';

export type ImportState = FormState | { status: 'done'; fileName: string; report: ImportReport };

const CHOOSE_FILE = 'Choose the CSV file exported from the billing system.';

const ImportSchema = z.object({
  file: z
    .instanceof(File, { message: CHOOSE_FILE })
    .refine((file) => file.size > 0, CHOOSE_FILE)
    .refine((file) => file.size <= MAX_IMPORT_BYTES, 'The file is larger than 5 MB. Split it and import the parts.'),
});

export const importBillsAction = formAction({
  who: { staff: 'ADMIN' },
  schema: ImportSchema,
  hidden: ['file'],
  run: async ({ file }, { caller, clientIp }): Promise<ImportState> => {
    const report = await importBills({ csv: await file.text(), staffId: caller.staffId, clientIp });
    return { status: 'done', fileName: file.name, report };
  },
});
