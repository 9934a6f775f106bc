import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { clock } from '@/lib/clock';
import { addDays, todayIn } from '@/lib/clock/days';
import { formatMoney } from '@/lib/money';
import { settlementReport, type SettlementDay } from '@/lib/reports/settlement';
import { requireUtility } from '@/lib/utility';
import { SettlementRangeSchema } from '@/lib/validation/settlement-range';
import { StaffBar } from '../_staff-bar';

export const metadata: Metadata = { title: 'Settlement · Staff', robots: { index: false } };

export default async function SettlementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const utility = await requireUtility();
  const query = await searchParams;
  const today = todayIn(utility.timeZone, clock.now());
  const asked = { from: String(query.from ?? addDays(today, -13)), to: String(query.to ?? today) };
  const range = SettlementRangeSchema.safeParse(asked);
  const { from, to } = range.success ? range.data : { from: addDays(today, -13), to: today };
  const report = await settlementReport(utility.timeZone, from, to);
  const money = (cents: number) => formatMoney(cents, utility.currency);
  const row = (label: string, d: Omit<SettlementDay, 'day'>, total = false) => (
    <tr key={label} className={total ? 'border-t-2 border-slate-400 font-semibold' : 'border-t border-slate-200'}>
      <th scope="row" className="py-1 pr-4 text-left font-mono font-normal">
        {label}
      </th>
      <td className="px-2 text-right">{d.payments.count}</td>
      <td className="px-2 text-right">{money(d.payments.cents)}</td>
      <td className="px-2 text-right">{money(d.feesCents)}</td>
      <td className="px-2 text-right">{d.refunds.count ? `${d.refunds.count} · ${money(d.refunds.cents)}` : '—'}</td>
      <td className="px-2 text-right">{d.returns.count ? `${d.returns.count} · ${money(d.returns.cents)}` : '—'}</td>
      <td className="px-2 text-right">{d.failedDebits || '—'}</td>
      <td className="pl-2 text-right">{money(d.netCents)}</td>
    </tr>
  );
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Settlement</h1>
      <p className="max-w-2xl text-slate-700">
        Money moved per day in {utility.timeZone}: payments and their fees in, refunds and returned bank debits out.
        Failed debits moved no money. The totals tie out to the payments table.
      </p>
      <form method="get" className="flex flex-wrap items-end gap-4">
        <label className="space-y-1">
          <span className="block font-medium">From</span>
          <input type="date" name="from" defaultValue={from} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <label className="space-y-1">
          <span className="block font-medium">To</span>
          <input type="date" name="to" defaultValue={to} className="rounded-md border border-slate-400 px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
          Show
        </button>
        <a
          href={`/api/staff/settlement/export?from=${from}&to=${to}`}
          className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800"
        >
          Export CSV
        </a>
      </form>
      {range.success ? null : (
        <p role="alert" className="text-red-800">
          {range.error.issues[0]?.message} Showing the last 14 days instead.
        </p>
      )}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4"
        role="region"
        aria-label="Settlement per day"
        tabIndex={0}
      >
        <table className="w-full text-sm" data-testid="settlement">
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="pr-4">
                Day
              </th>
              <th scope="col" className="px-2 text-right">
                Payments
              </th>
              <th scope="col" className="px-2 text-right">
                Amount
              </th>
              <th scope="col" className="px-2 text-right">
                Fees
              </th>
              <th scope="col" className="px-2 text-right">
                Refunds
              </th>
              <th scope="col" className="px-2 text-right">
                Returned debits
              </th>
              <th scope="col" className="px-2 text-right">
                Failed debits
              </th>
              <th scope="col" className="pl-2 text-right">
                Net
              </th>
            </tr>
          </thead>
          <tbody>
            {report.days.map((d) => row(d.day, d))}
            {row('Total', report.totals, true)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
