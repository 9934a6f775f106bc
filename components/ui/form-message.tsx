'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { FormState } from '@/lib/validation/form-state';

/**
 * The form's overall message. After a failed submit, focus moves to the first invalid field, or to
 * this message when no field is at fault. A form that is done moves the page on to where its answer
 * says (the bank's own page in a full load); the message and a link to it show meanwhile, or for good
 * without JavaScript.
 */
export function FormMessage({
  state,
  formRef,
}: {
  state: FormState;
  formRef?: React.RefObject<HTMLFormElement | null>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (state.status !== 'moveOn') return;
    const target = new URL(state.next, window.location.href);
    if (target.origin === window.location.origin) router.replace(target.pathname + target.search + target.hash);
    else window.location.assign(target.href);
  }, [state, router]);
  useEffect(() => {
    if (state.status !== 'error') return;
    const firstInvalid = formRef?.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? ref.current)?.focus();
  }, [state, formRef]);
  if (state.status === 'idle') return null;
  const text = state.message;
  if (!text) return null;
  const error = state.status === 'error';
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={error ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 ${error ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900'}`}
    >
      {text}
      {state.status === 'moveOn' ? (
        <>
          {' '}
          <a href={state.next} className="font-semibold underline">
            {state.linkText}
          </a>
        </>
      ) : null}
    </div>
  );
}
