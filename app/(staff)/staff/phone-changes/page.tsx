import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { APPROVAL_PROMISE, pendingPhoneChanges, recentPhoneDecisions } from '@/lib/customers/phone-change';
import { formatPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../_staff-bar';
import { decidePhoneChangeAction } from './actions';
import { DecideForm } from './decide-form';

export const metadata: Metadata = { title: 'Lost phones · Staff', robots: { index: false } };

export default async function PhoneChangesPage() {
  const staff = await requireStaff();
  const [changes, decided, utility] = await Promise.all([
    pendingPhoneChanges(),
    recentPhoneDecisions(),
    requireUtility(),
  ]);
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Lost phones</h1>

      <p className="text-slate-700">
        Customers who lost their phone proved the bill facts of a linked account and their new number; customers are
        told we decide {APPROVAL_PROMISE}. Call them on the number on file (or the old number) before you approve.
        {staff.role === 'ADMIN' ? '' : ' Only an ADMIN can approve or reject.'}
      </p>
      {changes.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3">Nothing is waiting.</p>
      ) : null}
      <ul className="space-y-4">
        {changes.map((change) => (
          <li
            key={change.id}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
            data-testid="phone-change"
          >
            <p>
              <Link href={`/staff/customers/${change.customer.id}`} className="font-semibold text-brand-800 underline">
                {change.customer.name}
              </Link>{' '}
              asked {formatInstant(change.createdAt, utility.timeZone)}: from {formatPhone(change.oldPhoneE164)} to{' '}
              <span className="font-semibold">{formatPhone(change.newPhoneE164)}</span>
            </p>
            <p className="text-slate-700">
              Proved account {change.account?.accountNumber ?? '—'} (number on file:{' '}
              {change.account?.phoneOnFileE164 ? formatPhone(change.account.phoneOnFileE164) : 'none'}).
            </p>
            {staff.role === 'ADMIN' ? (
              <DecideForm
                id={change.id}
                approve={decidePhoneChangeAction.bind(null, change.id, 'approve')}
                reject={decidePhoneChangeAction.bind(null, change.id, 'reject')}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <section aria-labelledby="decided" className="space-y-2">
        <h2 id="decided" className="text-lg font-semibold">
          Decided in the last 7 days
        </h2>
        {decided.length === 0 ? <p>None.</p> : null}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {decided.map((d) => (
            <li key={d.id} className="px-4 py-3" data-testid="phone-decision">
              {d.approved ? 'Approved' : 'Rejected'}: {formatPhone(d.oldPhoneE164)} to {formatPhone(d.newPhoneE164)} by{' '}
              {d.decidedByName} on {formatInstant(d.decidedAt!, utility.timeZone)} · {d.decisionReason}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
