'use client';

import { useEffect, useRef } from 'react';

const SWITCHED = 'utilitypay.language-switched';

/**
 * The switch's form. The page comes back in the other language; then a status region says so, in
 * that language ("Ahora en español"), for screen readers. The note that a switch happened is kept
 * in sessionStorage across the redirect, whether or not this component is mounted again.
 */
export function LanguageSwitchButton({
  action,
  locale,
  name,
  label,
  switchedHere,
}: {
  action: (formData: FormData) => Promise<void>;
  /** The language this button switches to. */
  locale: string;
  name: string;
  label: string;
  /** "Now in English": said once the page is in the current language after a switch. */
  switchedHere: string;
}) {
  const status = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (sessionStorage.getItem(SWITCHED) === null || !status.current) return;
    sessionStorage.removeItem(SWITCHED);
    // Written into the live region after it is on the page, so screen readers announce it.
    status.current.textContent = switchedHere;
  }, [switchedHere]);
  return (
    <form action={action} onSubmit={() => sessionStorage.setItem(SWITCHED, '1')}>
      <input type="hidden" name="locale" value={locale} />
      <button
        type="submit"
        lang={locale.slice(0, 2)}
        aria-label={label}
        className="rounded-md border border-slate-300 px-2 py-1 font-semibold text-brand-800 hover:bg-brand-50"
      >
        {name}
      </button>
      <span ref={status} role="status" className="sr-only" />
    </form>
  );
}
