'use client';

import './globals.css';

// Shown when the root layout itself fails (its sign-out button's request cut off, say), where
// app/error.tsx cannot help. Next's built-in page styles itself inline, which the CSP refuses.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto max-w-3xl space-y-4 px-4 py-10" role="alert">
          <h1 className="text-2xl font-bold">Something went wrong</h1>
          <p className="text-slate-700">
            The page could not reach us. Check your connection and try again; nothing you entered was lost and no
            payment was made twice.
            {error.digest ? (
              <>
                {' '}
                If it keeps happening, quote reference <code className="font-mono">{error.digest}</code> when you call
                us.
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
            {/* A plain link: the app's router may be what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-brand-800">
              Home
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
