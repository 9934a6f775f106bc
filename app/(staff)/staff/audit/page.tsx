import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { listAuditEntries } from '@/lib/audit/list-audit';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../_staff-bar';
import { auditActionLabel } from '@/lib/audit/actions';

export const metadata: Metadata = { title: 'Audit log · Staff', robots: { index: false } };

/** ADMIN: the newest audit entries (append-only in the database), optionally one kind of action. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const admin = await requireStaff('ADMIN');
  const { action } = await searchParams;
  const utility = await requireUtility();
  const prefix = typeof action === 'string' ? action.slice(0, 64) : '';
  const entries = await listAuditEntries(prefix);
  return (
    <div className="space-y-5">
      <StaffBar staff={admin} />
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" className="flex items-end gap-3">
        <label className="text-sm font-medium">
          Action starts with
          <input
            name="action"
            defaultValue={prefix}
            placeholder="staff."
            className="mt-1 block rounded border border-slate-400 px-2 py-1.5"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
          Show
        </button>
      </form>
      {/* Focusable, so keyboard users can scroll a wide table sideways. */}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        role="region"
        aria-label="Audit entries"
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Newest 200 audit entries</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                When
              </th>
              <th scope="col" className="px-3 py-2">
                Who
              </th>
              <th scope="col" className="px-3 py-2">
                Action
              </th>
              <th scope="col" className="px-3 py-2">
                Subject
              </th>
              <th scope="col" className="px-3 py-2">
                From
              </th>
              <th scope="col" className="px-3 py-2">
                Details
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={String(e.id)} className="border-t border-slate-200 align-top" data-testid="audit-row">
                <td className="px-3 py-1.5 whitespace-nowrap">{formatInstant(e.createdAt, utility.timeZone)}</td>
                <td className="px-3 py-1.5">
                  {e.actorType.toLowerCase()}
                  {e.actorId ? <span className="block font-mono text-xs text-slate-600">{e.actorId}</span> : null}
                </td>
                <td className="px-3 py-1.5">
                  {auditActionLabel(e.action)} <span className="font-mono text-slate-600">({e.action})</span>
                </td>
                <td className="px-3 py-1.5 font-mono text-xs">
                  {e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : ''}
                </td>
                <td className="px-3 py-1.5">{e.clientIp ?? ''}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{e.details ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
