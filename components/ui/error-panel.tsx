'use client';

/**
 * What a person sees when a page fails: what happened, that nothing was lost, a reference to quote,
 * and the ways on. Shared by app/error.tsx (in the page's language) and app/global-error.tsx (which
 * has no language to go by). The home link is a plain link: the app's router may be what failed.
 */
export function ErrorPanel({
  title,
  text,
  digest,
  reset,
  labels,
}: {
  title: string;
  text: string;
  digest?: string;
  reset: () => void;
  labels: { reference: (digest: string) => React.ReactNode; tryAgain: string; home: string };
}) {
  return (
    <div className="space-y-4" role="alert">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-700">
        {text}
        {digest ? <> {labels.reference(digest)}</> : null}
      </p>
      <div className="flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          {labels.tryAgain}
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-brand-800">
          {labels.home}
        </a>
      </div>
    </div>
  );
}
