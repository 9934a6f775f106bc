import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { listStaffUsers } from '@/lib/staff/manage-staff';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../_staff-bar';
import { setStaffUserDisabledAction } from './actions';
import { AddUserForm } from './add-user-form';

export const metadata: Metadata = { title: 'Staff users · Staff', robots: { index: false } };

export default async function StaffUsersPage() {
  const admin = await requireStaff('ADMIN');
  const [users, utility] = await Promise.all([listStaffUsers(), requireUtility()]);
  return (
    <div className="space-y-5">
      <StaffBar staff={admin} />
      <h1 className="text-2xl font-bold">Staff users</h1>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Staff users">
        {users.map((u) => (
          <li key={u.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="staff-user">
            <span>
              <span className="font-semibold">{u.name}</span> · {u.email} · {u.role === 'ADMIN' ? 'Admin' : 'Staff'}
              {u.disabledAt ? (
                <span className="text-red-800"> · disabled {formatInstant(u.disabledAt, utility.timeZone)}</span>
              ) : null}
            </span>
            {u.id !== admin.staffId ? (
              <form action={setStaffUserDisabledAction.bind(null, u.id, u.disabledAt ? 'enable' : 'disable')}>
                <button
                  type="submit"
                  className="rounded border border-slate-400 px-3 py-1 text-sm font-semibold text-brand-800"
                >
                  {u.disabledAt ? 'Enable' : 'Disable'} {u.email}
                </button>
              </form>
            ) : (
              <span className="text-sm text-slate-600">you</span>
            )}
          </li>
        ))}
      </ul>
      <h2 className="text-lg font-semibold">Add a staff user</h2>
      <AddUserForm />
    </div>
  );
}
