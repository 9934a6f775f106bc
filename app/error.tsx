'use client';

import Link from 'next/link';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4" role="alert">
      <h1 className="text-2xl font-bold">Something went wrong on our side</h1>
      <p className="text-slate-700">
        Nothing you entered was lost and no payment was made twice. Please try again in a moment.
        {error.digest ? (
          <>
            {' '}
            If it keeps happening, quote reference <code className="font-mono">{error.digest}</code> when you call us.
          </>
        ) : null}
      </p>
      <div className="flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-brand-800">
          Home
        </Link>
      </div>
    </div>
  );
}
