import Link from 'next/link';
import type { StaffSession } from '@/lib/auth/staff-auth';
import { staffSignOutAction } from './actions';

export function StaffBar({ staff }: { staff: StaffSession }) {
  return (
    <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-800 px-4 py-2 text-sm text-white">
      <nav aria-label="Staff" className="flex flex-wrap gap-x-4 gap-y-1 font-semibold">
        <Link href="/staff/dashboard" className="hover:underline">
          Dashboard
        </Link>
        <Link href="/staff/payments" className="hover:underline">
          Payments
        </Link>
        <Link href="/staff/customers" className="hover:underline">
          Customers
        </Link>
        <Link href="/staff/settlement" className="hover:underline">
          Settlement
        </Link>
        <Link href="/staff/phone-changes" className="hover:underline">
          Lost phones
        </Link>
        {staff.role === 'ADMIN' ? (
          <>
            <Link href="/staff/import" className="hover:underline">
              Import
            </Link>
            <Link href="/staff/audit" className="hover:underline">
              Audit log
            </Link>
            <Link href="/staff/users" className="hover:underline">
              Users
            </Link>
            <Link href="/staff/settings" className="hover:underline">
              Settings
            </Link>
          </>
        ) : null}
      </nav>
      <div className="flex items-center gap-3">
        <span>
          {staff.name} · {staff.role === 'ADMIN' ? 'Admin' : 'Staff'}
        </span>
        <form action={staffSignOutAction}>
          <button type="submit" className="underline">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
