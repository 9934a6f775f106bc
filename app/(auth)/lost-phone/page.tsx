import type { Metadata } from 'next';
import { APPROVAL_PROMISE } from '@/lib/customers/phone-change';
import { startLostPhoneAction } from './actions';
import { LostPhoneForm } from './lost-phone-form';

export const metadata: Metadata = { title: 'Lost your phone?' };

export default function LostPhonePage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Lost your phone?</h1>
        <p className="text-slate-700">
          Move your online account to a new number. Tell us the number you lost and the details of an account you
          linked, then prove the new number with a code. If the new number is the one on file for that account, it
          changes at once; otherwise our staff check and approve it {APPROVAL_PROMISE}, and text you.
        </p>
      </div>
      <LostPhoneForm action={startLostPhoneAction} />
    </div>
  );
}
