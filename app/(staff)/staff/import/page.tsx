import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { BILL_IMPORT_COLUMNS, BILL_IMPORT_OPTIONAL_COLUMNS } from '@/lib/bills/import-bills';
import { StaffBar } from '../_staff-bar';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import bills · Staff', robots: { index: false } };

export default async function ImportBillsPage() {
  const admin = await requireStaff('ADMIN');
  return (
    <div className="space-y-5">
      <StaffBar staff={admin} />
      <h1 className="text-2xl font-bold">Import bills</h1>
      <p className="text-slate-700">
        Upload the billing system’s CSV with the columns{' '}
        <code className="text-sm">{BILL_IMPORT_COLUMNS.join(', ')}</code> (dates as 2026-11-01, amounts as 123.45), and
        optionally <code className="text-sm">{BILL_IMPORT_OPTIONAL_COLUMNS.join(', ')}</code>: the holder’s mobile
        number on file (blank clears it). Linking an account with a number on file needs a code texted to that number.
        Importing the same file again changes nothing, and a bill that already has payments is never changed.
      </p>
      <ImportForm />
    </div>
  );
}
