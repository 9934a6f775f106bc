import type { Metadata } from 'next';
import { isLocale, LOCALE_NAMES_FOR_STAFF } from '@/lib/i18n/locales';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { audit } from '@/lib/audit';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { customerDisplayName, getCustomerForStaff } from '@/lib/customers/staff-view';
import { formatMoney } from '@/lib/money';
import { statusLabel } from '@/lib/payments/states';
import { formatPhone } from '@/lib/phone';
import { clientIp } from '@/lib/request/client-ip';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../../_staff-bar';
import { unlockCustomerPhoneAction } from './actions';
import { UnlockForm } from './unlock-form';

export const metadata: Metadata = { title: 'Customer · Staff', robots: { index: false } };

const section = 'space-y-2';
const box = 'rounded-lg border border-slate-200 bg-white p-4';

export default async function StaffCustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const staff = await requireStaff();
  const { customerId } = await params;
  const [customer, utility] = await Promise.all([getCustomerForStaff(customerId), requireUtility()]);
  if (!customer) notFound();
  await audit({
    actorType: 'STAFF',
    actorId: staff.staffId,
    action: 'staff.viewed_customer',
    subjectType: 'customer',
    subjectId: customer.id,
    clientIp: await clientIp(),
  });
  const at = (d: Date) => formatInstant(d, utility.timeZone);
  const { budgets, texting } = customer;
  return (
    <div className="space-y-6">
      <StaffBar staff={staff} />
      <div>
        <h1 className="text-2xl font-bold">{customerDisplayName(customer)}</h1>
        <p className="text-slate-700">
          {customer.deletedAt
            ? `Closed their account ${at(customer.deletedAt)}; payments kept`
            : `${formatPhone(customer.phoneE164)} · ${customer.registeredAt ? `registered ${at(customer.registeredAt)}` : `first paid ${at(customer.createdAt)}`}`}
        </p>
        <p className="text-slate-700" data-testid="customer-language">
          Pages and texts in{' '}
          {isLocale(customer.language) ? LOCALE_NAMES_FOR_STAFF[customer.language] : customer.language}
        </p>
      </div>

      <section aria-labelledby="codes" className={section}>
        <h2 id="codes" className="text-lg font-semibold">
          Codes and locks
        </h2>
        <div className={box}>
          <p data-testid="lock-state">
            {budgets.locked ? 'Locked: ' : 'Not locked: '}
            {budgets.strangers} of {budgets.limit} wrong sign-in codes and {budgets.payments} of {budgets.limit} wrong
            payment codes in the last 24 hours.
          </p>
          <p data-testid="texting">
            Texts:{' '}
            {texting.optOut
              ? `opted out (replied ${texting.optOut.keyword}) ${at(texting.optOut.optedOutAt)}`
              : 'allowed'}
            {texting.consent ? ` · consent ${at(texting.consent.consentedAt)} (${texting.consent.source})` : ''}
          </p>
        </div>
        <h3 className="font-semibold">Unlock the phone</h3>
        <p className="max-w-2xl text-sm text-slate-700">
          Clears the wrong-code counts that lock this number, after you have checked who you are talking to. The
          customer is texted that staff did it. Audited with your reason.
        </p>
        <UnlockForm action={unlockCustomerPhoneAction.bind(null, customer.id)} />
      </section>

      <section aria-labelledby="accounts" className={section}>
        <h2 id="accounts" className="text-lg font-semibold">
          Accounts
        </h2>
        <ul className={box}>
          {customer.accounts.length === 0 ? <li>No linked accounts.</li> : null}
          {customer.accounts.map(({ account, linkedAt }) => (
            <li key={account.accountNumber}>
              <Link href={`/staff/accounts/${account.id}`} className="font-mono text-brand-800 underline">
                {account.accountNumber}
              </Link>{' '}
              · {account.holderName}, {account.serviceAddress} · linked {at(linkedAt)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="payments" className={section}>
        <h2 id="payments" className="text-lg font-semibold">
          Payments
        </h2>
        <ul className={box} data-testid="customer-payments">
          {customer.payments.length === 0 ? <li>No payments.</li> : null}
          {customer.payments.map((p) => (
            <li key={p.id}>
              <Link href={`/staff/payments/${p.id}`} className="font-mono text-brand-800 underline">
                {p.confirmationNumber}
              </Link>{' '}
              · {formatMoney(p.amountCents, p.currency)} · {statusLabel(p.status)} · {at(p.createdAt)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="texts" className={section}>
        <h2 id="texts" className="text-lg font-semibold">
          Texts (newest first; what they said is not shown)
        </h2>
        <ul className={box} data-testid="customer-texts">
          {customer.texts.length === 0 ? <li>No texts.</li> : null}
          {customer.texts.map((t) => (
            <li key={t.id}>
              {t.kind.replaceAll('_', ' ').toLowerCase()} · {t.status.toLowerCase()} · {at(t.createdAt)}
              {t.lastError ? <span className="text-slate-600"> · {t.lastError}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="events" className={section}>
        <h2 id="events" className="text-lg font-semibold">
          Code events (newest first)
        </h2>
        <ul className={box}>
          {customer.codeEvents.length === 0 ? <li>No code events.</li> : null}
          {customer.codeEvents.map((e, i) => (
            <li key={i}>
              {e.type.replaceAll('_', ' ').toLowerCase()} · {e.purpose.replaceAll('_', ' ').toLowerCase()} ·{' '}
              {at(e.createdAt)}
              {e.clientIp ? ` · from ${e.clientIp}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
