'use client';

import './globals.css';
import { ErrorPanel } from '@/components/ui/error-panel';

// Shown when the root layout itself fails (its sign-out button's request cut off, say), where
// app/error.tsx cannot help. Next's built-in page styles itself inline, which the CSP refuses.
// The layout chose the language and it failed, so this page says everything in English and Spanish.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto max-w-3xl px-4 py-10">
          <ErrorPanel
            title="Something went wrong · Algo salió mal"
            text="The page could not reach us. Check your connection and try again; nothing you entered was lost and no payment was made twice."
            digest={error.digest}
            reset={reset}
            labels={{
              reference: (digest) => (
                <>
                  If it keeps happening, quote reference <code className="font-mono">{digest}</code> when you call us.
                </>
              ),
              tryAgain: 'Try again · Intentar de nuevo',
              home: 'Home · Inicio',
            }}
          />
          <p lang="es" className="mt-4 text-slate-700">
            La página no pudo comunicarse con nosotros. Revise su conexión e inténtelo de nuevo; no se perdió nada de lo
            que escribió y ningún pago se hizo dos veces.
          </p>
        </main>
      </body>
    </html>
  );
}
