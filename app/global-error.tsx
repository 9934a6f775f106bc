'use client';

import './globals.css';
import { ErrorPanel } from '@/components/ui/error-panel';

// Shown when the root layout itself fails (its sign-out button's request cut off, say), where
// app/error.tsx cannot help. Next's built-in page styles itself inline, which the CSP refuses.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto max-w-3xl px-4 py-10">
          <ErrorPanel
            title="Something went wrong"
            text="The page could not reach us. Check your connection and try again; nothing you entered was lost and no payment was made twice."
            digest={error.digest}
            reset={reset}
          />
        </main>
      </body>
    </html>
  );
}
