import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/require-staff';
import { centsToDecimalString } from '@/lib/money';
import { feeScheduleOf } from '@/lib/payments/fees';
import { requireUtility } from '@/lib/utility';
import { StaffBar } from '../_staff-bar';
import { setFeesAction, setSmsCountriesAction } from './actions';
import { CountriesForm } from './countries-form';
import { FeeForm } from './fee-form';

export const metadata: Metadata = { title: 'Settings · Staff', robots: { index: false } };

export default async function StaffSettingsPage() {
  const staff = await requireStaff('ADMIN');
  const utility = await requireUtility();
  const fees = await feeScheduleOf(utility.id);
  return (
    <div className="space-y-5">
      <StaffBar staff={staff} />
      <h1 className="text-2xl font-bold">Settings</h1>
      <h2 className="text-xl font-semibold">Convenience fees</h2>
      <p className="max-w-2xl text-slate-700">
        A fee the customer pays on top of their bill, per way of paying. Customers see it when they choose how to pay
        and on the review page, before any code is sent; it is part of what their code approves and is itemised on the
        receipt. The bill is credited with the bill amount only.
      </p>
      <FeeForm
        action={setFeesAction}
        current={{
          cardFeeFlatCents: centsToDecimalString(fees.cardFeeFlatCents),
          cardFeeBps: String(fees.cardFeeBps / 100),
          bankFeeFlatCents: centsToDecimalString(fees.bankFeeFlatCents),
          bankFeeBps: String(fees.bankFeeBps / 100),
        }}
      />
      <h2 className="text-xl font-semibold">Texts</h2>
      <CountriesForm action={setSmsCountriesAction} current={utility.smsCountries.join(', ')} />
    </div>
  );
}
