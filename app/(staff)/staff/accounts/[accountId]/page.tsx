import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAccountForStaff } from '@/lib/accounts/staff-account';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatInstant } from '@/lib/clock/format';
import { formatPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../../_staff-bar';
import { setPhoneOnFileAction } from './actions';
import { PhoneOnFileForm } from './phone-on-file-form';

export const metadata: Metadata = { title: 'Account · Staff', robots: { index: false } };

export default async function StaffAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const staff = await requireStaff();
  const { accountId } = await params;
  const [account, utility] = await Promise.all([getAccountForStaff(accountId), requireUtility()]);
  if (!account) notFound();
  return (
    <div className="space-y-6">
      <StaffBar staff={staff} />
      <div>
        <h1 className="text-2xl font-bold">Account {account.accountNumber}</h1>
        <p className="text-slate-700">
          {account.holderName} · {account.serviceAddress} {account.postalCode}
        </p>
        <p>
          <Link href={`/staff/payments?account=${account.accountNumber}`} className="text-brand-800 underline">
            Payments for this account
          </Link>
        </p>
      </div>
      <section aria-labelledby="on-file" className="space-y-2">
        <h2 id="on-file" className="text-lg font-semibold">
          Mobile number on file
        </h2>
        <p data-testid="phone-on-file">
          {account.phoneOnFileE164
            ? `${formatPhone(account.phoneOnFileE164)}: linking this account online needs a code texted to it.`
            : 'None: linking this account online needs only the bill facts.'}
        </p>
        <PhoneOnFileForm
          action={setPhoneOnFileAction.bind(null, account.id)}
          current={account.phoneOnFileE164 ? formatPhone(account.phoneOnFileE164) : ''}
        />
      </section>
      <section aria-labelledby="holders" className="space-y-2">
        <h2 id="holders" className="text-lg font-semibold">
          Online holders
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {account.customers.length === 0 ? <li>Nobody holds this account online.</li> : null}
          {account.customers.map(({ customer, linkedAt }) => (
            <li key={customer.id}>
              <Link href={`/staff/customers/${customer.id}`} className="text-brand-800 underline">
                {customer.name}
              </Link>{' '}
              · {formatPhone(customer.phoneE164)} · linked {formatInstant(linkedAt, utility.timeZone)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
