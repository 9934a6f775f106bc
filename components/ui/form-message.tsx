'use client';

import { useEffect, useRef } from 'react';
import type { FormState } from '@/lib/validation/form-state';

/**
 * The form's overall message. After a failed submit, focus moves to the first invalid field, or to
 * this message when no field is at fault.
 */
export function FormMessage({
  state,
  formRef,
}: {
  state: FormState;
  formRef?: React.RefObject<HTMLFormElement | null>;
}) {
  const ref = useRef<HTMLDivElement>(null);
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
    </div>
  );
}
