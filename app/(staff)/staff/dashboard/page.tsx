import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { clock } from '@/lib/clock';
import { formatInstant, formatShortDay } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { getDashboard } from '@/lib/reports/dashboard';
import { requireUtility } from '@/lib/utility';
import { THEME_COLOR } from '@/lib/utility/theme';
import { StaffBar } from '../_staff-bar';
import { retryDeadMessageAction } from './actions';

export const metadata: Metadata = { title: 'Dashboard · Staff', robots: { index: false } };

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold">{value}</dd>
      {note ? <dd className="text-sm text-slate-600">{note}</dd> : null}
    </div>
  );
}

export default async function DashboardPage() {
  const staff = await requireStaff();
  const utility = await requireUtility();
  const d = await getDashboard(utility.timeZone, clock.now());
  const max = Math.max(1, ...d.days.map((x) => x.count));
  const W = 600;
  const H = 160;
  const bar = W / d.days.length;
  return (
    <div className="space-y-6">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Dashboard</h1>
      {d.textBudgetTrips > 0 ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900"
          data-testid="budget-alert"
        >
          <strong>Texts paused:</strong> {d.textBudgetTrips} code{' '}
          {d.textBudgetTrips === 1 ? 'request was' : 'requests were'} refused in the last 24 hours because a text budget
          was spent (all numbers, or one number prefix). That is what SMS pumping looks like; if it is real traffic,
          raise SMS_HOURLY_BUDGET or SMS_PREFIX_HOURLY_LIMIT.
        </p>
      ) : null}
      <dl className="grid gap-3 sm:grid-cols-4">
        <Figure
          label="Paid today"
          value={formatMoney(d.today.cents, utility.currency)}
          note={`${d.today.count} ${d.today.count === 1 ? 'payment' : 'payments'}`}
        />
        <Figure
          label="Paid, last 30 days"
          value={formatMoney(d.last30Days.cents, utility.currency)}
          note={`${d.last30Days.count} ${d.last30Days.count === 1 ? 'payment' : 'payments'}`}
        />
        <Figure label="Completion rate" value={percent(d.rates.completion)} note={`of ${d.rates.started} started`} />
        <Figure label="Failure / abandonment" value={`${percent(d.rates.failure)} / ${percent(d.rates.abandonment)}`} />
        <Figure label="Wrong codes (30 days)" value={String(d.wrongCodes)} />
        <Figure label="Phones locked (30 days)" value={String(d.lockedPhones)} />
        <Figure label="SMS delivery rate" value={percent(d.sms.deliveryRate)} note={`of ${d.sms.total} handed off`} />
        <Figure label="Dead texts" value={String(d.sms.dead)} />
      </dl>

      <section aria-labelledby="per-day" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="per-day" className="text-lg font-semibold">
          Completed payments per day ({utility.timeZone})
        </h2>
        <svg
          viewBox={`0 0 ${W} ${H + 20}`}
          className="w-full"
          role="img"
          aria-label={`Payments per day over the last 30 days; most in a day: ${max}`}
        >
          {d.days.map((x, i) => {
            const h = (x.count / max) * H;
            return (
              <g key={x.day}>
                <rect x={i * bar + 2} y={H - h} width={bar - 4} height={h} fill={THEME_COLOR}>
                  <title>{`${x.day}: ${x.count} payments, ${formatMoney(x.cents, utility.currency)}`}</title>
                </rect>
                {(d.days.length - 1 - i) % 5 === 0 ? (
                  // Every fifth day back from today, so today is always labelled; the last label
                  // ends at the chart's edge rather than being cut by it.
                  <text
                    x={i === d.days.length - 1 ? W : i * bar + bar / 2}
                    y={H + 14}
                    fontSize="10"
                    textAnchor={i === d.days.length - 1 ? 'end' : 'middle'}
                    fill="#334155"
                  >
                    {formatShortDay(x.day)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-brand-800">The numbers</summary>
          <table className="mt-2 text-sm">
            <thead>
              <tr>
                <th scope="col" className="pr-6 text-left">
                  Day
                </th>
                <th scope="col" className="pr-6 text-right">
                  Payments
                </th>
                <th scope="col" className="text-right">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {d.days.map((x) => (
                <tr key={x.day}>
                  <td className="pr-6">{x.day}</td>
                  <td className="pr-6 text-right">{x.count}</td>
                  <td className="text-right">{formatMoney(x.cents, utility.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="dead" className="space-y-2">
        <h2 id="dead" className="text-lg font-semibold">
          Dead texts
        </h2>
        {d.deadMessages.length === 0 ? (
          <p className="text-slate-700">None.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {d.deadMessages.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  {m.kind.replaceAll('_', ' ').toLowerCase()} to {m.to} · {formatInstant(m.at, utility.timeZone)} ·{' '}
                  {m.lastError ?? 'no reason recorded'}
                </span>
                {staff.role === 'ADMIN' && m.retryable ? (
                  <form action={retryDeadMessageAction.bind(null, m.id)}>
                    <button
                      type="submit"
                      className="rounded border border-slate-400 px-3 py-1 font-semibold text-brand-800"
                    >
                      Retry
                    </button>
                  </form>
                ) : !m.retryable ? (
                  <span className="text-slate-600">code text: the customer asks for a new code</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
