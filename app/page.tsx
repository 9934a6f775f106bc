import Link from 'next/link';
import { getUtility } from '@/lib/utility';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ closed?: string }> }) {
  const [utility, { closed }] = await Promise.all([getUtility(), searchParams]);
  return (
    <div className="space-y-8">
      {closed ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          Your online account is closed and you are signed out. Thank you for paying online with us.
        </p>
      ) : null}
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Pay your {utility?.name ?? 'utility'} bill</h1>
        <p className="text-lg text-slate-700">
          See what you owe, pay all or part of it, and confirm with a code we text to your phone. No card details are
          kept on this site.
        </p>
      </section>
      <nav aria-label="Get started" className="grid gap-3 sm:grid-cols-2">
        <Link
          href="/bills"
          className="rounded-lg bg-brand-700 px-4 py-4 text-center text-lg font-semibold text-white shadow-sm hover:bg-brand-800 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Pay a bill
        </Link>
        <Link
          href="/pay"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          Pay once without registering
        </Link>
        <Link
          href="/sign-in"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          Sign in
        </Link>
        <Link
          href="/register"
          className="rounded-lg border border-slate-300 bg-white px-4 py-4 text-center text-lg font-semibold text-brand-800 hover:bg-brand-50"
        >
          Register
        </Link>
      </nav>
      <section aria-labelledby="how" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="how" className="text-lg font-semibold">
          How it works
        </h2>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-slate-700">
          <li>
            Register with your mobile number and link the accounts on your bill, or pay once with just your bill and
            phone.
          </li>
          <li>Choose a bill and the amount to pay.</li>
          <li>Enter the code we text you. The text names the amount, so you know what you approve.</li>
        </ol>
      </section>
    </div>
  );
}
