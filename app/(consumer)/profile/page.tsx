import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { customerProfile } from '@/lib/customers/profile';
import { formatPhone } from '@/lib/phone';

export const metadata: Metadata = { title: 'My profile' };

const button =
  'inline-block rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50';

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const { customerId } = await requireCustomer('/profile');
  const [profile, { changed }] = await Promise.all([customerProfile(customerId), searchParams]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">My profile</h1>
      {changed ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          Your mobile number is changed. We texted your old number to say so.
        </p>
      ) : null}
      <section aria-labelledby="number" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="number" className="text-lg font-semibold">
          {profile.name}
        </h2>
        <p>
          Mobile number: <span className="font-semibold">{formatPhone(profile.phoneE164)}</span>
        </p>
        <Link href="/profile/phone" className={button}>
          Change my number
        </Link>
      </section>
      <section aria-labelledby="data" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="data" className="text-lg font-semibold">
          Your data
        </h2>
        <p>Your profile, linked accounts, payments and the texts we sent you (never a code).</p>
        <div className="flex flex-wrap gap-3">
          <a href="/api/me/export?format=json" className={button} download>
            Download (JSON)
          </a>
          <a href="/api/me/export?format=csv" className={button} download>
            Download (CSV, for spreadsheets)
          </a>
        </div>
      </section>
      <section aria-labelledby="close" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="close" className="text-lg font-semibold">
          Close my account
        </h2>
        <p>Stop using online bill pay here. You can still pay once without registering.</p>
        <Link href="/profile/close" className="font-semibold text-red-800 underline">
          Close my account
        </Link>
      </section>
    </div>
  );
}
